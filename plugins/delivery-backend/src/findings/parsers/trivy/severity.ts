import { FindingSeverity } from '@slipway/plugin-delivery-node';
import { isObject, severityFromScore, severityFromWord } from '../common';

/** Trivy's numeric `VendorSeverity` scale: 0 UNKNOWN, 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL. */
const VENDOR_LEVELS: Record<number, FindingSeverity> = {
  1: 'low',
  2: 'medium',
  3: 'high',
  4: 'critical',
};

const RANK: FindingSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

function highest(
  severities: Array<FindingSeverity | undefined>,
): FindingSeverity | undefined {
  let best: FindingSeverity | undefined;
  for (const s of severities) {
    if (s && (!best || RANK.indexOf(s) > RANK.indexOf(best))) best = s;
  }
  return best;
}

function fromVendorSeverity(value: unknown): FindingSeverity | undefined {
  if (!isObject(value)) return undefined;
  return highest(
    Object.values(value).map(n =>
      typeof n === 'number' ? VENDOR_LEVELS[n] : undefined,
    ),
  );
}

function fromCvss(value: unknown): FindingSeverity | undefined {
  if (!isObject(value)) return undefined;
  const scores: number[] = [];
  for (const vendor of Object.values(value)) {
    if (!isObject(vendor)) continue;
    const score = [vendor.V40Score, vendor.V3Score, vendor.V2Score].find(
      s => typeof s === 'number',
    );
    if (typeof score === 'number') scores.push(score);
  }
  return scores.length ? severityFromScore(Math.max(...scores)) : undefined;
}

/**
 * Severity of a Trivy vulnerability, misconfiguration, secret or license.
 *
 * `Severity` (UPPERCASE) when it is a known word. When it is `UNKNOWN` or absent: the highest
 * non-zero `VendorSeverity` (Trivy's 1–4 scale), else the highest CVSS base score in `CVSS`
 * (per vendor: v4, then v3, then v2), else `info`. Taking the highest vendor's opinion is
 * deliberate: an unrated vulnerability should not look milder than any source says it is.
 */
export function trivySeverity(item: Record<string, unknown>): FindingSeverity {
  return (
    severityFromWord(item.Severity) ??
    fromVendorSeverity(item.VendorSeverity) ??
    fromCvss(item.CVSS) ??
    'info'
  );
}
