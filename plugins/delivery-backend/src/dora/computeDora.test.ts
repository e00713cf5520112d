import {
  API,
  at,
  bootstrap,
  commit,
  D,
  deploy,
  H,
  incident,
  run,
  win,
} from './testRecords';

describe('computeDora — output of DORA.md', () => {
  const boot = bootstrap();
  const input = {
    deployments: [
      ...boot.deployments,
      deploy('d1', at(1, 12), { commitSha: 'c1', version: 'v1' }),
      deploy('d2', at(6), { commitSha: 'c2', version: 'v2' }),
      deploy('d3', at(8), { commitSha: 'c1', version: 'v1' }),
      deploy('d4', at(14, 12), { commitSha: 'c2', version: 'v2' }),
    ],
    changes: [
      ...boot.changes,
      commit('c1', 1, at(1)), // shipped by d1: 12 h
      commit('c2', 2, at(5)), // shipped by d2: 1 day
    ],
    // caused by d2 (day 6), resolved day 8 → recovery 2 days, in the second week
    incidents: [incident('i1', at(6, 6), at(8))],
  };

  it('answers every field for the window, with the records behind them', () => {
    const result = run(input, win(0, 7));
    expect(result).toEqual({
      from: '2026-01-05T00:00:00.000Z',
      to: '2026-01-12T00:00:00.000Z',
      windowDays: 7,
      deploymentCount: 2, // d1, d2
      deploymentsPerDay: 2 / 7,
      deploymentDays: 2, // day 1, day 6
      leadTimeSampleCount: 2,
      leadTimeMedianSeconds: 18 * H, // (12 h + 24 h) / 2
      failedDeploymentCount: 1, // d2 ← i1
      changeFailureRate: 0.5, // 1 / 2
      failedDeploymentRecoveryTimeMedianSeconds: null, // i1 resolves on day 8, next window
      timeToRestoreServiceMedianSeconds: null,
      reworkDeploymentCount: 0,
      deploymentReworkRate: 0,
      bands: {
        deploymentFrequency: 'high', // 2 days per week
        leadTime: 'elite', // 18 h < 1 day
        changeFailureRate: 'low', // 50 % > 15 %
        recoveryTime: null,
      },
      warnings: [],
      drillDown: {
        deployments: ['d1', 'd2'],
        leadTimeSamples: [
          { sha: 'c1', deploymentId: 'd1', seconds: 12 * H },
          { sha: 'c2', deploymentId: 'd2', seconds: D },
        ],
        failedDeployments: [{ deploymentId: 'd2', incidentIds: ['i1'] }],
        recoverySamples: [],
        restoreSamples: [],
        reworkDeployments: [],
      },
    });
  });

  it('adds a weekly series computed from the same full input', () => {
    const result = run(input, win(0, 15), { series: 'week' });
    // slices [0, 7), [7, 14), [14, 15) — the last one a single day
    expect(result.series?.map(s => [s.from, s.to])).toEqual([
      ['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z'],
      ['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z'],
      ['2026-01-19T00:00:00.000Z', '2026-01-20T00:00:00.000Z'],
    ]);
    const [week1, week2, tail] = result.series!;
    // d1, d2 | d3 | d4 → 2 + 1 + 1 = 4 = the whole window
    expect([week1, week2, tail].map(s => s.deploymentCount)).toEqual([2, 1, 1]);
    expect(result.deploymentCount).toBe(4);
    // d2 fails in week 1 but recovers in week 2: day 8 − day 6 = 2 days
    expect(week1.failedDeploymentCount).toBe(1);
    expect(week2.failedDeploymentRecoveryTimeMedianSeconds).toBe(2 * D);
    expect(week2.timeToRestoreServiceMedianSeconds).toBe(42 * H); // day 8 − day 6 06:00
    // d3 rolls back to v1 (after v2); d4 returns to v2 (deployed before, differs from v1) → both rework
    expect([week1, week2, tail].map(s => s.reworkDeploymentCount)).toEqual([
      0, 1, 1,
    ]);
    expect(result.drillDown.reworkDeployments).toEqual(['d3', 'd4']);
    // 1 deployment in a 1-day slice → 1 per day, elite on its own day
    expect(tail.deploymentsPerDay).toBe(1);
    expect(tail.bands.deploymentFrequency).toBe('elite');
  });

  it('has no series unless asked, and leaves its input untouched', () => {
    const copy = JSON.stringify(input);
    expect(run(input).series).toBeUndefined();
    expect(JSON.stringify(input)).toBe(copy);
  });

  it('reports data-quality warnings in the window of their moment only', () => {
    const records = {
      deployments: [deploy('first', at(1), { commitSha: 'x' })],
    };
    // no commits recorded: the first observed deployment has an unrecorded head
    expect(run(records, win(0, 7)).warnings).toEqual([
      `deployment first: commit x is not recorded for ${API}; its commits are not attributed`,
      `deployment first is the first observed production deployment of ${API}: its commits are not sampled for lead time`,
    ]);
    expect(run(records, win(7, 14)).warnings).toEqual([]);
  });
});
