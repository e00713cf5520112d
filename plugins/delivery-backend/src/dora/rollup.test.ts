import { DoraChange, DoraDeployment, DoraIncident } from './types';
import {
  API,
  at,
  bootstrap,
  commit,
  deploy,
  H,
  incident,
  run,
} from './testRecords';

const WEB = 'component:default/web';

function teamRecords() {
  const bootApi = bootstrap(API);
  const bootWeb = bootstrap(WEB);
  const deployments: DoraDeployment[] = [
    ...bootApi.deployments,
    ...bootWeb.deployments,
    deploy('api-1', at(1, 3), { commitSha: 's3' }),
    deploy('web-1', at(2, 10), { commitSha: 's1', entityRef: WEB }),
    deploy('web-2', at(3), { commitSha: 's1', entityRef: WEB }),
    deploy('web-3', at(4), { commitSha: 's1', entityRef: WEB }),
  ];
  const changes: DoraChange[] = [
    ...bootApi.changes,
    ...bootWeb.changes,
    commit('s1', 1, at(1, 0)), // api: 3 h
    commit('s2', 2, at(1, 1)), // api: 2 h
    commit('s3', 3, at(1, 2)), // api: 1 h
    // the same sha and push sequence in another entity (monorepo): its own chain, 10 h
    commit('s1', 1, at(2, 0), { entityRef: WEB }),
  ];
  // unlinked api incident after web-3: goes to api-1, never to the other entity's later deployment
  const incidents: DoraIncident[] = [incident('i1', at(5), at(5, 1))];
  return { deployments, changes, incidents };
}

describe('rule 12 — roll-ups pool, never average', () => {
  it('pools lead time samples: the team median is not the average of the entity medians', () => {
    const team = teamRecords();
    const only = (entityRef: string) =>
      run({
        deployments: team.deployments.filter(d => d.entityRef === entityRef),
        changes: team.changes.filter(c => c.entityRef === entityRef),
        incidents: team.incidents.filter(i => i.entityRef === entityRef),
      });
    // api {1, 2, 3} h → 2 h; web {10} h → 10 h; average of medians would be 6 h
    expect(only(API).leadTimeMedianSeconds).toBe(2 * H);
    expect(only(WEB).leadTimeMedianSeconds).toBe(10 * H);
    const pooled = run(team);
    // pooled {1, 2, 3, 10} h → (2 + 3) / 2 = 2.5 h
    expect(pooled.leadTimeSampleCount).toBe(4);
    expect(pooled.leadTimeMedianSeconds).toBe(2.5 * H);
    expect(pooled.leadTimeMedianSeconds).not.toBe(6 * H);
  });

  it('pools counts for the change failure rate and keeps attribution per entity', () => {
    const pooled = run(teamRecords());
    // api 1/1 failed, web 0/3 → pooled 1/4 = 0.25 (the average of rates would be 0.5)
    expect(pooled.changeFailureRate).toBe(0.25);
    expect(pooled.drillDown.failedDeployments).toEqual([
      { deploymentId: 'api-1', incidentIds: ['i1'] },
    ]);
    // web-2 and web-3 redeploy s1: same artifact as their predecessor → not rework
    expect(pooled.reworkDeploymentCount).toBe(0);
  });
});
