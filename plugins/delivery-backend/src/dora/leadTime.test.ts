import {
  API,
  at,
  bootstrap,
  commit,
  D,
  deploy,
  H,
  run,
  win,
} from './testRecords';

const boot = bootstrap();

describe('rule 5 — change lead time', () => {
  it('samples each commit of a multi-commit deployment once', () => {
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('d1', at(1, 12), { commitSha: 'c3' }),
        deploy('d1-redeploy', at(2), { commitSha: 'c3' }),
      ],
      changes: [
        ...boot.changes,
        commit('c1', 1, at(0, 8)),
        commit('c2', 2, at(0, 10)),
        commit('c3', 3, at(0, 12)),
      ],
    });
    // d1 at day1 12:00 ships c1..c3: 28 h, 26 h, 24 h; the redeploy ships nothing new
    expect(result.drillDown.leadTimeSamples).toEqual([
      { sha: 'c1', deploymentId: 'd1', seconds: 28 * H },
      { sha: 'c2', deploymentId: 'd1', seconds: 26 * H },
      { sha: 'c3', deploymentId: 'd1', seconds: 24 * H },
    ]);
    expect(result.leadTimeSampleCount).toBe(3);
    // median of {24, 26, 28} h = 26 h
    expect(result.leadTimeMedianSeconds).toBe(26 * H);
  });

  it('attributes commits of a failed run to its successful retry', () => {
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('try-1', at(1, 6), { status: 'failed', commitSha: 'c1' }),
        deploy('try-2', at(1, 9), { commitSha: 'c1' }),
      ],
      changes: [
        ...boot.changes,
        // the CI linked the commit to the failed attempt: not a deployment, so the push chain decides
        commit('c1', 1, at(1), { deploymentId: 'try-1' }),
      ],
    });
    // shipped by try-2 at day1 09:00 − authored day1 00:00 = 9 h
    expect(result.drillDown.leadTimeSamples).toEqual([
      { sha: 'c1', deploymentId: 'try-2', seconds: 9 * H },
    ]);
  });

  it('does not sample the commits the push chain gives the first observed deployment', () => {
    const result = run({
      deployments: [
        deploy('first', at(1), { commitSha: 'c2' }),
        deploy('second', at(2), { commitSha: 'c3' }),
      ],
      changes: [
        commit('c1', 1, at(0)),
        commit('c2', 2, at(0, 1)),
        commit('explicit', 9, at(0, 2), { deploymentId: 'first' }),
        commit('c3', 3, at(1, 12)),
      ],
    });
    // first ships c1, c2 unsampled, and explicit, which names it, sampled (DORA.md: whether or
    // not it is the first): 1 d − 2 h = 22 h; second ships only c3: 2 d − 1.5 d = 12 h
    expect(result.drillDown.leadTimeSamples).toEqual([
      { sha: 'explicit', deploymentId: 'first', seconds: 22 * H },
      { sha: 'c3', deploymentId: 'second', seconds: 12 * H },
    ]);
    expect(result.warnings).toContain(
      `deployment first is the first observed production deployment of ${API}: its commits are not sampled for lead time`,
    );
  });

  it('prefers an explicit deploymentId to the push chain', () => {
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('d1', at(1), { commitSha: 'c2' }),
        deploy('d2', at(3), { commitSha: 'c3' }),
      ],
      changes: [
        ...boot.changes,
        commit('c1', 1, at(0), { deploymentId: 'd2' }),
        commit('c2', 2, at(0)),
        commit('c3', 3, at(2)),
      ],
    });
    // c1 is before c2 in push order but the source says d2 shipped it: 3 d; c2 → d1: 1 d; c3 → d2: 1 d
    expect(result.drillDown.leadTimeSamples).toEqual([
      { sha: 'c2', deploymentId: 'd1', seconds: 1 * D },
      { sha: 'c1', deploymentId: 'd2', seconds: 3 * D },
      { sha: 'c3', deploymentId: 'd2', seconds: 1 * D },
    ]);
  });

  it('ships merge commits without sampling them', () => {
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('d1', at(1), { commitSha: 'merge' }),
        deploy('d2', at(2), { commitSha: 'c2' }),
      ],
      changes: [
        ...boot.changes,
        commit('c1', 1, at(0, 12)),
        commit('merge', 2, at(0, 13), { isMerge: true }),
        commit('c2', 3, at(1, 12)),
      ],
    });
    // d1: c1 = 12 h (the merge is shipped, not sampled); d2: only c2 = 12 h, not the merge again
    expect(result.drillDown.leadTimeSamples).toEqual([
      { sha: 'c1', deploymentId: 'd1', seconds: 12 * H },
      { sha: 'c2', deploymentId: 'd2', seconds: 12 * H },
    ]);
  });

  it('drops a negative sample and reports it', () => {
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('d1', at(1), { commitSha: 'c2' }),
      ],
      changes: [
        ...boot.changes,
        commit('c1', 1, at(0, 18)),
        commit('c2', 2, at(1, 1)), // author clock one hour ahead of the deployment
      ],
    });
    // c1: 6 h kept; c2: −1 h dropped → 1 sample, median 6 h
    expect(result.leadTimeSampleCount).toBe(1);
    expect(result.leadTimeMedianSeconds).toBe(6 * H);
    expect(result.warnings).toContain(
      `commit c2 of ${API} was authored 3600s after deployment d1 finished: negative lead time dropped`,
    );
  });

  it("samples in the window of the deployment's finishedAt", () => {
    const input = {
      deployments: [
        ...boot.deployments,
        deploy('d1', at(7, 1), { commitSha: 'c1' }),
      ],
      changes: [...boot.changes, commit('c1', 1, at(6))],
    };
    // authored in days 0–7 but deployed on day 7 → no sample there, 25 h in days 7–14
    expect(run(input, win(0, 7)).leadTimeSampleCount).toBe(0);
    expect(run(input, win(7, 14)).leadTimeMedianSeconds).toBe(25 * H);
  });

  it('samples nothing for an unrecorded head commit and keeps its commits for later', () => {
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('blind', at(1), { commitSha: 'unknown' }),
        deploy('d2', at(2), { commitSha: 'c2' }),
      ],
      changes: [
        ...boot.changes,
        commit('c1', 1, at(0)),
        commit('c2', 2, at(1)),
        commit('c3', 3, at(1, 12)),
      ],
    });
    // blind ships nothing; d2 ships c1 (2 d) and c2 (1 d), not c3 (pushed after its head)
    expect(result.drillDown.leadTimeSamples).toEqual([
      { sha: 'c1', deploymentId: 'd2', seconds: 2 * D },
      { sha: 'c2', deploymentId: 'd2', seconds: 1 * D },
    ]);
    expect(result.warnings).toContain(
      `deployment blind: commit unknown is not recorded for ${API}; its commits are not attributed`,
    );
  });

  it('samples nothing for commits no deployment shipped', () => {
    const result = run({
      deployments: boot.deployments,
      changes: [...boot.changes, commit('c1', 1, at(1))],
    });
    // c1 was never deployed → no sample, median null, band null
    expect(result.leadTimeSampleCount).toBe(0);
    expect(result.leadTimeMedianSeconds).toBeNull();
    expect(result.bands.leadTime).toBeNull();
  });
});
