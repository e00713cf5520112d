import { at, deploy, H, incident, run, win } from './testRecords';

const OTHER = 'component:default/web';

describe('rule 7 — failed deployment', () => {
  it('counts a deployment once however many incidents link to it', () => {
    const result = run({
      deployments: [deploy('d1', at(1)), deploy('d2', at(2))],
      incidents: [
        incident('i1', at(1, 1), at(1, 2), { causedByDeploymentId: 'd1' }),
        incident('i2', at(1, 3), at(1, 4), { causedByDeploymentId: 'd1' }),
      ],
    });
    // d1 has two incidents → 1 failed deployment of 2
    expect(result.failedDeploymentCount).toBe(1);
    expect(result.drillDown.failedDeployments).toEqual([
      { deploymentId: 'd1', incidentIds: ['i1', 'i2'] },
    ]);
  });

  it('attributes an unlinked incident to the latest deployment finished strictly before it started', () => {
    const result = run({
      deployments: [
        deploy('d1', at(1)),
        deploy('d2', at(2)),
        deploy('other-entity', at(2, 6), { entityRef: OTHER }),
      ],
      // starts exactly when d2 finished → not "strictly after" d2 → d1; the other entity is ignored
      incidents: [incident('i1', at(2), at(2, 8))],
    });
    expect(result.drillDown.failedDeployments).toEqual([
      { deploymentId: 'd1', incidentIds: ['i1'] },
    ]);
  });

  it('applies the maximum lag to the fallback only', () => {
    const input = {
      deployments: [deploy('d1', at(1)), deploy('d2', at(3))],
      incidents: [
        incident('late', at(1, 7)), // 7 h after d1, before d2
        incident('linked', at(5), undefined, { causedByDeploymentId: 'd2' }),
      ],
    };
    // lag 6 h: 7 h > 6 h → "late" is attributed to nothing (not to an older one); the link stands
    const bounded = run(input, win(0, 7), { maxIncidentLagSeconds: 6 * H });
    expect(bounded.drillDown.failedDeployments).toEqual([
      { deploymentId: 'd2', incidentIds: ['linked'] },
    ]);
    // lag exactly 7 h is within the bound (inclusive) → d1 failed as well
    const inclusive = run(input, win(0, 7), { maxIncidentLagSeconds: 7 * H });
    expect(inclusive.failedDeploymentCount).toBe(2);
    // unbounded by default → 2
    expect(run(input).failedDeploymentCount).toBe(2);
  });

  it('does not count an incident of a deployment outside the window', () => {
    const result = run({
      deployments: [deploy('before', at(-1)), deploy('d1', at(1))],
      incidents: [
        incident('i1', at(2), at(3), { causedByDeploymentId: 'before' }),
      ],
    });
    // the incident is in the window, its deployment is not → 0 of 1
    expect(result.failedDeploymentCount).toBe(0);
    expect(result.changeFailureRate).toBe(0);
  });

  it('counts an in-window deployment whose incident starts after the window', () => {
    const result = run({
      deployments: [deploy('d1', at(6, 20))],
      incidents: [incident('i1', at(7, 2))],
    });
    // rule 7 has no time limit on the incident: d1 is failed → 1 / 1
    expect(result.changeFailureRate).toBe(1);
  });

  it('never makes a failed run a change failure, and says so', () => {
    const result = run({
      deployments: [
        deploy('d1', at(1)),
        deploy('broken', at(2), { status: 'failed' }),
      ],
      incidents: [
        incident('i1', at(2, 1), at(2, 2), { causedByDeploymentId: 'broken' }),
      ],
    });
    // linked to a failed run: no fallback to d1 → 0 failed
    expect(result.failedDeploymentCount).toBe(0);
    expect(result.warnings).toContain(
      'incident i1 is linked to broken, which is not a successful production deployment: not a change failure',
    );
  });
});

describe('rule 8 — change failure rate', () => {
  it('divides failed deployments by deployments', () => {
    const result = run({
      deployments: ['d1', 'd2', 'd3', 'd4'].map((id, i) => deploy(id, at(i))),
      incidents: [incident('i1', at(2, 1), at(2, 3))],
    });
    // i1 → d3 (latest before day 2 01:00) → 1 / 4
    expect(result.changeFailureRate).toBe(0.25);
  });

  it('is null, not 0, without deployments', () => {
    const result = run({ incidents: [incident('i1', at(1), at(2))] });
    // 0 / 0 is undefined
    expect(result.changeFailureRate).toBeNull();
    expect(result.bands.changeFailureRate).toBeNull();
  });
});
