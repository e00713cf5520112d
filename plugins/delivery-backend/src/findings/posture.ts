import {
  FINDING_SEVERITIES,
  FindingSeverity,
  FindingTrendPoint,
  SecurityPostureRow,
} from '@slipway/plugin-delivery-common';
import { FindingFact } from './FindingsStore';

const DAY = 86_400_000;
const zero = (): Record<FindingSeverity, number> =>
  Object.fromEntries(FINDING_SEVERITIES.map(s => [s, 0])) as Record<
    FindingSeverity,
    number
  >;

/** Open findings by severity at the end of each UTC day of the window (today included). */
export function findingTrend(
  facts: FindingFact[],
  days: number,
  now: Date,
): FindingTrendPoint[] {
  const today = Math.floor(now.getTime() / DAY);
  const points: FindingTrendPoint[] = [];
  for (let day = today - days + 1; day <= today; day++) {
    const end = Math.min((day + 1) * DAY, now.getTime());
    const open = zero();
    for (const f of facts) {
      if (
        f.firstSeenAt.getTime() <= end &&
        (!f.fixedAt || f.fixedAt.getTime() > end)
      ) {
        open[f.severity]++;
      }
    }
    points.push({ date: new Date(day * DAY).toISOString().slice(0, 10), open });
  }
  return points;
}

/**
 * Posture per owner: open findings by severity, overdue and secrets over the owner's entities,
 * pooled (never averaged). Entities without an owner are listed under `unknown`.
 */
export function postureByOwner(
  facts: FindingFact[],
  ownerOf: (entityRef: string) => string | undefined,
  slaDays: Record<FindingSeverity, number>,
  now: Date,
): SecurityPostureRow[] {
  const rows = new Map<string, SecurityPostureRow>();
  for (const f of facts) {
    if (f.fixedAt) continue;
    const owner = ownerOf(f.entityRef) ?? 'unknown';
    const row = rows.get(owner) ?? {
      owner,
      entities: [],
      open: zero(),
      overdue: 0,
      openSecrets: 0,
    };
    if (!row.entities.includes(f.entityRef)) row.entities.push(f.entityRef);
    row.open[f.severity]++;
    if (f.firstSeenAt.getTime() + slaDays[f.severity] * DAY < now.getTime())
      row.overdue++;
    if (f.category === 'secret') row.openSecrets++;
    rows.set(owner, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      FINDING_SEVERITIES.reduce((d, s) => d || b.open[s] - a.open[s], 0) ||
      a.owner.localeCompare(b.owner),
  );
}
