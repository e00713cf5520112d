import { at, D, deploy, H, incident, run, win } from './testRecords';

describe('rule 9 — failed deployment recovery time', () => {
  it('measures from the deployment to the last resolution of its incidents', () => {
    const result = run({
      deployments: [deploy('d1', at(1, 10))],
      incidents: [
        incident('i1', at(1, 11), at(1, 12), { causedByDeploymentId: 'd1' }),
        incident('i2', at(1, 11), at(1, 15), { causedByDeploymentId: 'd1' }),
      ],
    });
    // max(12:00, 15:00) − 10:00 = 5 h
    expect(result.drillDown.recoverySamples).toEqual([
      { deploymentId: 'd1', seconds: 5 * H },
    ]);
    expect(result.failedDeploymentRecoveryTimeMedianSeconds).toBe(5 * H);
  });

  it('excludes a failed deployment while any of its incidents is open', () => {
    const result = run({
      deployments: [deploy('d1', at(1)), deploy('d2', at(2))],
      incidents: [
        incident('resolved', at(1, 1), at(1, 2), {
          causedByDeploymentId: 'd1',
        }),
        incident('open', at(1, 3), undefined, { causedByDeploymentId: 'd1' }),
        incident('i3', at(2, 1), at(2, 4), { causedByDeploymentId: 'd2' }),
      ],
    });
    // d1 still has an open incident → only d2: 4 h; both are failed deployments
    expect(result.drillDown.recoverySamples).toEqual([
      { deploymentId: 'd2', seconds: 4 * H },
    ]);
    expect(result.failedDeploymentCount).toBe(2);
  });

  it('puts an incident spanning window edges in the window of the recovery moment', () => {
    const input = {
      deployments: [deploy('before', at(-2))],
      incidents: [
        incident('i1', at(-1), at(1), { causedByDeploymentId: 'before' }),
      ],
    };
    const current = run(input, win(0, 7));
    // deployed day −2, recovered day 1 (in days 0–7) → 3 days, though the deployment is not counted here
    expect(current.failedDeploymentRecoveryTimeMedianSeconds).toBe(3 * D);
    expect(current.deploymentCount).toBe(0);
    expect(current.bands.recoveryTime).toBe('medium');
    // the window of the deployment sees the failure but no recovery sample
    const previous = run(input, win(-7, 0));
    expect(previous.failedDeploymentCount).toBe(1);
    expect(previous.failedDeploymentRecoveryTimeMedianSeconds).toBeNull();
  });

  it('uses the mean of the middle two for an even number of recoveries', () => {
    const result = run({
      deployments: [deploy('d1', at(1)), deploy('d2', at(3))],
      incidents: [
        incident('i1', at(1, 1), at(1, 1, 30), { causedByDeploymentId: 'd1' }),
        incident('i2', at(3, 1), at(3, 3, 30), { causedByDeploymentId: 'd2' }),
      ],
    });
    // samples 1.5 h and 3.5 h → (1.5 + 3.5) / 2 = 2.5 h → "high" (< 1 day)
    expect(result.failedDeploymentRecoveryTimeMedianSeconds).toBe(2.5 * H);
    expect(result.bands.recoveryTime).toBe('high');
  });
});

describe('rule 10 — time to restore service', () => {
  it('uses every incident resolved in the window, attributed or not, open ones excluded', () => {
    const result = run({
      deployments: [deploy('d1', at(1))],
      incidents: [
        incident('linked', at(1, 1), at(1, 3), { causedByDeploymentId: 'd1' }),
        incident('orphan', at(-1), at(0, 6), { entityRef: 'component:x/y' }),
        incident('open', at(2)),
        incident('resolved-later', at(6), at(8)),
      ],
    });
    // linked 2 h, orphan (started before the window) 30 h → median (2 + 30) / 2 = 16 h
    expect(result.drillDown.restoreSamples).toEqual([
      { incidentId: 'orphan', seconds: 30 * H },
      { incidentId: 'linked', seconds: 2 * H },
    ]);
    expect(result.timeToRestoreServiceMedianSeconds).toBe(16 * H);
  });

  it('drops a negative duration with a warning', () => {
    const result = run({ incidents: [incident('i1', at(2), at(1))] });
    // resolved one day before it started → dropped
    expect(result.timeToRestoreServiceMedianSeconds).toBeNull();
    expect(result.warnings).toEqual([
      'incident i1 was resolved 86400s before it started: negative time to restore dropped',
    ]);
  });
});
