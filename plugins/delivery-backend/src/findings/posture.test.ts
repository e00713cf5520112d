import { findingTrend, postureByOwner } from './posture';

const DAY = 86_400_000;
const now = new Date('2026-11-22T12:00:00.000Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const sla = { critical: 7, high: 30, medium: 90, low: 120, info: 365 };

describe('findingTrend', () => {
  it('counts findings open at the end of each day', () => {
    const points = findingTrend(
      [
        {
          entityRef: 'a',
          severity: 'high',
          category: 'code',
          firstSeenAt: daysAgo(3),
        },
        {
          entityRef: 'a',
          severity: 'low',
          category: 'code',
          firstSeenAt: daysAgo(5),
          fixedAt: daysAgo(1),
        },
      ],
      4,
      now,
    );
    expect(points.map(p => [p.date, p.open.high, p.open.low])).toEqual([
      ['2026-11-19', 1, 1],
      ['2026-11-20', 1, 1],
      ['2026-11-21', 1, 0],
      ['2026-11-22', 1, 0],
    ]);
  });
});

describe('postureByOwner', () => {
  it('pools open findings per owner, counts overdue and secrets, most critical first', () => {
    const owners: Record<string, string> = {
      a: 'group:default/payments',
      b: 'group:default/payments',
      c: 'group:default/ml',
    };
    const rows = postureByOwner(
      [
        {
          entityRef: 'a',
          severity: 'critical',
          category: 'dependency',
          firstSeenAt: daysAgo(10),
        },
        {
          entityRef: 'b',
          severity: 'high',
          category: 'secret',
          firstSeenAt: daysAgo(1),
        },
        {
          entityRef: 'b',
          severity: 'high',
          category: 'code',
          firstSeenAt: daysAgo(40),
          fixedAt: daysAgo(2),
        },
        {
          entityRef: 'c',
          severity: 'high',
          category: 'code',
          firstSeenAt: daysAgo(31),
        },
        {
          entityRef: 'd',
          severity: 'low',
          category: 'code',
          firstSeenAt: daysAgo(1),
        },
      ],
      ref => owners[ref],
      sla,
      now,
    );
    expect(
      rows.map(r => [
        r.owner,
        r.entities,
        r.open.critical,
        r.open.high,
        r.overdue,
        r.openSecrets,
      ]),
    ).toEqual([
      ['group:default/payments', ['a', 'b'], 1, 1, 1, 1],
      ['group:default/ml', ['c'], 0, 1, 1, 0],
      ['unknown', ['d'], 0, 0, 0, 0],
    ]);
  });
});
