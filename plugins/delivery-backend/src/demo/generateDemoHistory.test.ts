import { generateDemoHistory } from './generateDemoHistory';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('generateDemoHistory', () => {
  const runs = generateDemoHistory({
    entityRef: 'component:default/payments-api',
    isMl: false,
    now,
    days: 42,
  });

  it('is deterministic for the same entity and time', () => {
    const again = generateDemoHistory({
      entityRef: 'component:default/payments-api',
      isMl: false,
      now,
      days: 42,
    });
    expect(again).toEqual(runs);
  });

  it('spreads runs over the window with failures, retries, deployments and one live run', () => {
    const earliest = Math.min(...runs.map(r => Date.parse(r.createdAt)));
    expect(now.getTime() - earliest).toBeGreaterThan(35 * 86_400_000);
    expect(runs.every(r => Date.parse(r.createdAt) <= now.getTime())).toBe(
      true,
    );

    const statuses = new Set(runs.map(r => r.status));
    expect(statuses).toContain('succeeded');
    expect(statuses).toContain('failed');
    expect(runs.filter(r => r.status === 'running')).toHaveLength(1);
    expect(runs.some(r => r.tasks.some(t => t.retries > 0))).toBe(true);

    const environments = new Set(runs.map(r => r.environment).filter(Boolean));
    expect(environments).toEqual(new Set(['dev', 'staging', 'production']));
    expect(new Set(runs.map(r => r.uid)).size).toBe(runs.length);
  });

  it('gives finished runs a duration that matches their timestamps', () => {
    for (const run of runs.filter(r => r.completedAt)) {
      const seconds =
        (Date.parse(run.completedAt!) - Date.parse(run.startedAt!)) / 1000;
      expect(run.durationSeconds).toBe(Math.round(seconds));
    }
  });

  it('gives ML services a training pipeline', () => {
    const ml = generateDemoHistory({
      entityRef: 'component:default/fraud-model',
      isMl: true,
      now,
      days: 14,
    });
    expect(ml[0].pipelineName).toBe('fraud-model-train');
    expect(ml[0].tasks.map(t => t.pipelineTaskName)).toContain('fetch-source');
  });

  it('gives tasks steps whose exit codes agree with the task, and builds their image results', () => {
    const tasks = runs.flatMap(r => r.tasks);
    expect(tasks.every(t => (t.steps?.length ?? 0) > 0)).toBe(true);
    const lastStep = (t: (typeof tasks)[number]) =>
      t.steps![t.steps!.length - 1];
    const failed = tasks.filter(t => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed
        .map(lastStep)
        .every(s => s.status === 'failed' && s.exitCode === 1),
    ).toBe(true);
    const succeeded = tasks.filter(t => t.status === 'succeeded');
    expect(
      succeeded.every(t => t.steps!.every(step => step.exitCode === 0)),
    ).toBe(true);
    const build = runs
      .flatMap(r => r.tasks)
      .find(
        t => t.pipelineTaskName === 'build-image' && t.status === 'succeeded',
      );
    expect(build?.results?.map(r => r.name)).toEqual([
      'IMAGE_URL',
      'IMAGE_DIGEST',
    ]);
  });
});
