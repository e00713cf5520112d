import { at, deploy, incident, run, win } from './testRecords';

const OTHER = 'component:default/web';

describe('rule 11 — deployment rework rate', () => {
  it('counts a fix-forward (remediationFor) as rework', () => {
    const result = run({
      deployments: [
        deploy('d1', at(1), { version: 'v1' }),
        deploy('hotfix', at(1, 2), { version: 'v2', remediationFor: 'i1' }),
      ],
      incidents: [incident('i1', at(1, 1), at(1, 3))],
    });
    // 1 rework of 2 deployments
    expect(result.drillDown.reworkDeployments).toEqual(['hotfix']);
    expect(result.deploymentReworkRate).toBe(0.5);
  });

  it('counts a rollback to an earlier version, not a redeploy', () => {
    const versions = ['v1', 'v2', 'v1', 'v1', 'v3', 'v3'];
    const result = run({
      deployments: versions.map((version, i) =>
        deploy(`d${i + 1}`, at(i), { version }),
      ),
    });
    // d3 (v1 after v2) is a rollback; d4 repeats its predecessor; d6 repeats d5; d5 is new → 1 / 6
    expect(result.drillDown.reworkDeployments).toEqual(['d3']);
    expect(result.deploymentReworkRate).toBeCloseTo(1 / 6, 12);
  });

  it('recognises a rollback to a version deployed before the window', () => {
    const result = run({
      deployments: [
        deploy('old', at(-20), { version: 'v1' }),
        deploy('new', at(-10), { version: 'v2' }),
        deploy('back', at(2), { version: 'v1' }),
      ],
    });
    // v1 was deployed (day −20) and differs from v2 just before → rework, 1 / 1
    expect(result.deploymentReworkRate).toBe(1);
  });

  it('compares commit shas when versions are missing', () => {
    const result = run({
      deployments: [
        deploy('d1', at(1), { commitSha: 'a' }),
        deploy('d2', at(2), { commitSha: 'b' }),
        deploy('d3', at(3), { commitSha: 'a' }),
        deploy('d4', at(4)),
        deploy('d5', at(5), { commitSha: 'b' }),
      ],
    });
    // d3 returns to sha a after b → rollback; d5 returns to b but d4's artifact is unknown → not
    expect(result.drillDown.reworkDeployments).toEqual(['d3']);
  });

  it('judges rollbacks per entity', () => {
    const result = run({
      deployments: [
        deploy('api-1', at(1), { version: 'v1' }),
        deploy('web-1', at(2), { version: 'v2', entityRef: OTHER }),
        deploy('api-2', at(3), { version: 'v1' }),
        deploy('web-2', at(4), { version: 'v1', entityRef: OTHER }),
      ],
    });
    // api: v1, v1 = redeploy; web: v2, v1 with no earlier web v1 = new → no rework
    expect(result.reworkDeploymentCount).toBe(0);
  });

  it('is null without deployments', () => {
    const result = run(
      { deployments: [deploy('d1', at(1), { remediationFor: 'i1' })] },
      win(2, 9),
    );
    // no deployment in days 2–9 → undefined, not 0
    expect(result.deploymentReworkRate).toBeNull();
    expect(result.reworkDeploymentCount).toBe(0);
  });
});
