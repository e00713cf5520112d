import {
  FINDING_SEVERITIES,
  FindingSeverity,
  SecurityPostureRow,
} from '@slipway/plugin-delivery-common';

/**
 * Ascending comparator of teams by their open findings of `from`, then of every severity
 * after it in severity order (for `critical`: critical, then high, then medium, …).
 */
export function byOpenCounts(from: FindingSeverity) {
  const order = FINDING_SEVERITIES.slice(FINDING_SEVERITIES.indexOf(from));
  return (a: SecurityPostureRow, b: SecurityPostureRow): number =>
    order.reduce((d, s) => d || (a.open[s] ?? 0) - (b.open[s] ?? 0), 0);
}

const byCriticalThenHigh = byOpenCounts('critical');

/** The default order of teams: most critical first, then most high, …, then by owner. */
export function comparePosture(
  a: SecurityPostureRow,
  b: SecurityPostureRow,
): number {
  return byCriticalThenHigh(b, a) || a.owner.localeCompare(b.owner);
}
