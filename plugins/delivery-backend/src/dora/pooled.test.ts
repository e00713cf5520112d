import {
  computeDoraPartial,
  emptyDoraPartial,
  finalizeDora,
  mergeDoraPartials,
} from './computeDora';
import {
  API,
  at,
  bootstrap,
  commit,
  deploy,
  incident,
  run,
  win,
} from './testRecords';
import { DoraInput } from './types';

const WEB = 'component:default/web';
const OPS = 'component:default/ops';

/*
 * Rule 12 computed in chunks: the partials of disjoint sets of entities, merged in any order,
 * finalize to exactly the one-shot result. The records put notes of different entities at the
 * same moment and deployments of different entities on the same day, so chunk borders matter.
 */
function records(): DoraInput {
  const boot = bootstrap(OPS);
  return {
    deployments: [
      // api and web: first observed deployments at the same moment, heads unknown
      deploy('a0', at(1), { commitSha: 'missing' }),
      deploy('b0', at(1), { entityRef: WEB }),
      deploy('a2', at(3), { commitSha: 'a1' }),
      ...boot.deployments,
      deploy('c1', at(2), { entityRef: OPS, commitSha: 'c2' }),
    ],
    changes: [
      commit('a1', 1, at(2)), // 1 day before a2
      ...boot.changes,
      commit('c1', 1, at(1, 12), { entityRef: OPS }), // 12 h before c1
      commit('c2', 2, at(2, 1), { entityRef: OPS }), // authored after c1: dropped
    ],
    incidents: [
      incident('i1', at(3, 2), at(3, 5)), // api, unlinked → a2 failed, recovered in 5 h
      // ops, unlinked → c1 failed; resolved before it started (no restore sample)
      incident('i2', at(4, 2), at(4, 1), { entityRef: OPS }),
    ],
  };
}

const only = (input: DoraInput, refs: string[]): DoraInput => ({
  deployments: input.deployments.filter(d => refs.includes(d.entityRef)),
  changes: input.changes.filter(c => refs.includes(c.entityRef)),
  incidents: input.incidents.filter(i => refs.includes(i.entityRef)),
});

describe('pooled partials (rule 12 in chunks)', () => {
  const window = win(0, 14);
  const options = { productionEnvironments: [], series: 'week' as const };

  it.each([
    ['one entity per chunk', [[API], [WEB], [OPS]]],
    ['reversed', [[OPS], [WEB], [API]]],
    ['chunks of two', [[API, WEB], [OPS]]],
    ['chunks of two, mixed', [[OPS, API], [WEB]]],
  ])('equal the one-shot result: %s', (_, chunks) => {
    const all = records();
    const { drillDown, ...oneShot } = run(all, window, { series: 'week' });
    // by hand: a0, b0 (day 1), c1 (day 2), a2 (day 3) → 4 deployments on 3 days; a1 (1 day) and
    // c1 (12 h) sampled; c1 (i2) and a2 (i1) failed; notes: a0 and b0 twice each, c2 and i2
    // negative
    expect(oneShot.deploymentCount).toBe(4);
    expect(oneShot.deploymentDays).toBe(3);
    expect(oneShot.leadTimeMedianSeconds).toBe((86_400 + 43_200) / 2);
    expect(oneShot.failedDeploymentCount).toBe(2);
    expect(oneShot.warnings).toHaveLength(6);
    expect(drillDown.failedDeployments).toEqual([
      { deploymentId: 'c1', incidentIds: ['i2'] },
      { deploymentId: 'a2', incidentIds: ['i1'] },
    ]);

    const pooled = emptyDoraPartial(window, options);
    for (const refs of chunks) {
      mergeDoraPartials(
        pooled,
        computeDoraPartial(only(all, refs), window, options),
      );
    }
    expect(finalizeDora(pooled, window)).toStrictEqual(oneShot);
  });
});
