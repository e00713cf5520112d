import { withGithubActionsCi } from './demoGithubActions';
import { generateDemoHistory } from './generateDemoHistory';

describe('withGithubActionsCi', () => {
  const history = generateDemoHistory({
    entityRef: 'component:default/notification-service',
    isMl: false,
    now: new Date('2026-12-01T12:00:00Z'),
    days: 14,
  });
  const runs = withGithubActionsCi(history);

  it('turns CI runs into GitHub Actions runs numbered in creation order, and keeps deploys on Tekton', () => {
    expect(runs).toHaveLength(history.length);
    const ci = runs.filter(r => r.provider === 'github-actions');
    const deploys = runs.filter(r => r.provider === 'demo');
    expect(ci.length).toBe(history.filter(r => !r.environment).length);
    expect(deploys.every(r => r.environment)).toBe(true);
    expect(ci.map(r => r.name)).toEqual(ci.map((_, i) => `CI #${i + 1}`));
    const created = ci.map(r => r.createdAt);
    expect([...created].sort()).toEqual(created);
    expect(new Set(runs.map(r => r.uid)).size).toBe(runs.length);
  });

  it('stores them as the GitHub Actions module would: uid, link, jobs by id, GitHub reasons', () => {
    const first = runs.find(r => r.name === 'CI #1')!;
    const runId = 9_100_000_001;
    expect(first).toMatchObject({
      uid: `github-actions:github.com:${runId}`,
      provider: 'github-actions',
      namespace: 'example/notification-service',
      pipelineName: 'CI',
      url: `https://github.com/example/notification-service/actions/runs/${runId}`,
    });
    expect(first.kubernetesId).toBeUndefined();
    expect(first.cluster).toBeUndefined();
    expect(first.tasks[0]).toMatchObject({
      name: String(runId * 10),
      pipelineTaskName: 'fetch-source',
      url: `https://github.com/example/notification-service/actions/runs/${runId}/job/${
        runId * 10
      }`,
      isFinally: false,
    });
    const reasons = new Set(
      runs
        .filter(r => r.provider === 'github-actions')
        .map(r => `${r.status}:${r.reason}`),
    );
    for (const pair of reasons) {
      expect([
        'succeeded:success',
        'failed:failure',
        'cancelled:cancelled',
        'timedOut:timed_out',
        'running:in_progress',
      ]).toContain(pair);
    }
    // the newest CI run of the demo is still running
    expect(
      runs.filter(r => r.provider === 'github-actions').pop()?.status,
    ).toBe('running');
  });
});
