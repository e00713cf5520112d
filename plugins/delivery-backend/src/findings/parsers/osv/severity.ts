import { FindingSeverity } from '@slipway/plugin-delivery-node';
import { isObject, severityFromScore, severityFromWord, str } from '../common';
import { cvssBaseScore } from './cvss';

const RANK: FindingSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

function highest(
  values: Array<FindingSeverity | undefined>,
): FindingSeverity | undefined {
  return values.reduce<FindingSeverity | undefined>(
    (best, s) =>
      s && (!best || RANK.indexOf(s) > RANK.indexOf(best)) ? s : best,
    undefined,
  );
}

/** From the records' `severity[]`: computed CVSS v3/v2 scores, Ubuntu words, then v4 presence. */
function fromSeverityArrays(
  records: Array<Record<string, unknown>>,
): FindingSeverity | undefined {
  const scored: Array<FindingSeverity | undefined> = [];
  let unscoredVector = false;
  for (const record of records) {
    for (const s of Array.isArray(record.severity) ? record.severity : []) {
      if (!isObject(s)) continue;
      const score = str(s.score);
      if (!score) continue;
      if (s.type === 'Ubuntu') {
        scored.push(severityFromWord(score));
        continue;
      }
      const base = cvssBaseScore(score);
      if (base === undefined) unscoredVector = true;
      else scored.push(severityFromScore(base));
    }
  }
  return highest(scored) ?? (unscoredVector ? 'medium' : undefined);
}

/**
 * Severity of one vulnerability group, from the first source that has one:
 * 1. the group's `max_severity` (a number as a string; newer osv-scanner versions);
 * 2. the highest `database_specific.severity` word of the group's OSV records (GHSA's);
 * 3. the highest base score computed from CVSS v3.x/v2 vectors in the records' `severity[]`
 *    (or an Ubuntu severity word); a CVSS v4 vector alone (not computed: it needs the
 *    specification's lookup tables) counts as 'medium';
 * 4. otherwise 'info', as for Trivy UNKNOWN and Grype Unknown.
 */
export function groupSeverity(
  group: Record<string, unknown>,
  records: Array<Record<string, unknown>>,
): FindingSeverity {
  const max = str(group.max_severity);
  if (max !== undefined && !Number.isNaN(Number(max))) {
    const fromMax = severityFromScore(Number(max));
    if (fromMax) return fromMax;
  }
  return (
    highest(
      records.map(r =>
        isObject(r.database_specific)
          ? severityFromWord(r.database_specific.severity)
          : undefined,
      ),
    ) ??
    fromSeverityArrays(records) ??
    'info'
  );
}
