import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint } from '../common';

/**
 * Makes fingerprints unique within a report, in two cases:
 * - the same finding reported twice (same fingerprint and start line, e.g. gitleaks 7 reports
 *   one leak once per commit that contains it): the first is kept, the repeats are dropped;
 * - different lines with the same fingerprint (line-independent tool hashes such as
 *   flawfinder's `contextHash/v1` for two identical lines of a file): ordered by line, the
 *   first keeps the fingerprint and the n-th gets `hash(fingerprint, n)`, like the `:n`
 *   occurrence suffix of GitHub's `primaryLocationLineHash`.
 */
export function uniqueFingerprints(findings: ParsedFinding[]): ParsedFinding[] {
  const groups = new Map<string, ParsedFinding[]>();
  const seen = new Set<string>();
  const kept: ParsedFinding[] = [];
  for (const finding of findings) {
    const key = `${finding.fingerprint}\u0000${
      finding.location?.startLine ?? ''
    }`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(finding);
    const group = groups.get(finding.fingerprint);
    if (group) group.push(finding);
    else groups.set(finding.fingerprint, [finding]);
  }
  for (const [fingerprint, group] of groups) {
    if (group.length === 1) continue;
    group.sort(
      (a, b) => (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0),
    );
    group.forEach((finding, n) => {
      if (n > 0) finding.fingerprint = hashFingerprint(fingerprint, n + 1);
    });
  }
  return kept;
}
