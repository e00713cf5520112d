import { at, deploy, run, win } from './testRecords';

describe('rule 1 — deployment', () => {
  it('counts only successful runs in the production tier', () => {
    const result = run({
      deployments: [
        deploy('ok', at(1)),
        deploy('failed', at(1, 1), { status: 'failed' }),
        deploy('cancelled', at(1, 2), { status: 'cancelled' }),
        deploy('staging', at(1, 3), { environment: 'staging' }),
        deploy('upper', at(1, 4), { environment: ' PROD ' }),
      ],
    });
    // ok + upper (environment matched case-insensitively, trimmed) = 2
    expect(result.deploymentCount).toBe(2);
    expect(result.drillDown.deployments).toEqual(['ok', 'upper']);
  });

  it('uses the configured production tier instead of the default', () => {
    const result = run(
      {
        deployments: [
          deploy('prod', at(1)),
          deploy('live', at(1, 1), { environment: 'Live' }),
        ],
      },
      win(0, 7),
      { productionEnvironments: ['live'] },
    );
    // only "Live" is production now → 1
    expect(result.drillDown.deployments).toEqual(['live']);
  });

  it('counts a failed run and its successful retry once, as the retry', () => {
    const result = run({
      deployments: [
        deploy('attempt-1', at(1, 9), { status: 'failed', commitSha: 'c1' }),
        deploy('attempt-2', at(1, 10), { commitSha: 'c1' }),
      ],
    });
    // the failed attempt is neither a deployment nor a failure → 1 deployment, 0 failed
    expect(result.deploymentCount).toBe(1);
    expect(result.drillDown.deployments).toEqual(['attempt-2']);
    expect(result.failedDeploymentCount).toBe(0);
  });

  it('counts a deployment id once when a record is repeated', () => {
    const result = run({
      deployments: [deploy('d1', at(1)), deploy('d1', at(1))],
    });
    // ingestion is idempotent by id → 1
    expect(result.deploymentCount).toBe(1);
  });
});

describe('rule 2 — when: at finishedAt', () => {
  it('places a deployment by its finish, not its start', () => {
    const result = run({
      deployments: [
        deploy('started-before', at(0, 1), { startedAt: at(-1, 23) }),
        deploy('finished-after', at(7, 1), { startedAt: at(6, 23) }),
      ],
    });
    // started before the window but finished in it → counted; finished after `to` → not
    expect(result.drillDown.deployments).toEqual(['started-before']);
  });
});

describe('rule 3 — half-open UTC window', () => {
  it('includes `from` and excludes `to`', () => {
    const result = run({
      deployments: [deploy('at-from', at(0)), deploy('at-to', at(7))],
    });
    // [from, to): at-from in, at-to out
    expect(result.drillDown.deployments).toEqual(['at-from']);
    expect(result.from).toBe('2026-01-05T00:00:00.000Z');
    expect(result.to).toBe('2026-01-12T00:00:00.000Z');
    expect(result.windowDays).toBe(7);
  });

  it('has fractional window days', () => {
    const result = run(
      { deployments: [deploy('d1', at(0, 6))] },
      { from: at(0), to: at(1, 12) },
    );
    // 36 h / 24 h = 1.5 days; 1 deployment / 1.5 days
    expect(result.windowDays).toBe(1.5);
    expect(result.deploymentsPerDay).toBeCloseTo(1 / 1.5, 12);
  });

  it('rejects an empty or inverted window', () => {
    expect(() => run({}, win(3, 3))).toThrow(RangeError);
    expect(() => run({}, win(3, 2))).toThrow(RangeError);
  });
});

describe('rule 4 — deployment frequency', () => {
  it('divides the count by the window days', () => {
    const result = run({
      deployments: [
        deploy('d1', at(0, 10)),
        deploy('d2', at(0, 11)),
        deploy('d3', at(4)),
        deploy('before', at(-1)),
      ],
    });
    // d1, d2, d3 in [day 0, day 7) → 3 / 7 per day, on 2 distinct days (day 0, day 4)
    expect(result.deploymentCount).toBe(3);
    expect(result.deploymentsPerDay).toBeCloseTo(3 / 7, 12);
    expect(result.deploymentDays).toBe(2);
  });

  it('with no deployments: zero counts, null rates, medians and bands', () => {
    const result = run({
      deployments: [deploy('old', at(-3))],
      incidents: [],
    });
    // nothing finished in the window: counts 0, ratios undefined → null
    expect(result).toMatchObject({
      deploymentCount: 0,
      deploymentsPerDay: 0,
      deploymentDays: 0,
      leadTimeSampleCount: 0,
      leadTimeMedianSeconds: null,
      failedDeploymentCount: 0,
      changeFailureRate: null,
      failedDeploymentRecoveryTimeMedianSeconds: null,
      timeToRestoreServiceMedianSeconds: null,
      reworkDeploymentCount: 0,
      deploymentReworkRate: null,
      bands: {
        deploymentFrequency: null,
        leadTime: null,
        changeFailureRate: null,
        recoveryTime: null,
      },
    });
    expect(result.drillDown).toEqual({
      deployments: [],
      leadTimeSamples: [],
      failedDeployments: [],
      recoverySamples: [],
      restoreSamples: [],
      reworkDeployments: [],
    });
  });
});
