import {
  computePipelineStats,
  percentile,
  weeklyPipelineStats,
} from './computePipelineStats';

const t0 = new Date('2026-11-01T00:00:00.000Z');
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);

describe('percentile', () => {
  it('interpolates like PERCENTILE_CONT', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([10, 20], 0.5)).toBe(15);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
});

describe('computePipelineStats', () => {
  it('counts outcomes, rates and durations per pipeline, with the top failure reasons', () => {
    const stats = computePipelineStats([
      {
        startedAt: t0,
        pipelineName: 'ci',
        status: 'succeeded',
        durationSeconds: 100,
      },
      {
        startedAt: t0,
        pipelineName: 'ci',
        status: 'succeeded',
        durationSeconds: 300,
      },
      {
        startedAt: t0,
        pipelineName: 'ci',
        status: 'failed',
        failedTask: 'unit-tests: Failed',
      },
      {
        startedAt: t0,
        pipelineName: 'ci',
        status: 'failed',
        failedTask: 'unit-tests: Failed',
      },
      {
        startedAt: t0,
        pipelineName: 'ci',
        status: 'timedOut',
        reason: 'PipelineRunTimeout',
      },
      { startedAt: t0, pipelineName: 'ci', status: 'cancelled' },
      { startedAt: t0, pipelineName: 'ci', status: 'running' },
      { startedAt: t0, pipelineName: 'deploy', status: 'cancelled' },
    ]);
    expect(stats).toEqual([
      {
        pipelineName: 'ci',
        finishedRuns: 6,
        succeeded: 2,
        failed: 2,
        cancelled: 1,
        timedOut: 1,
        successRate: 2 / 5,
        durationMedianSeconds: 200,
        durationP90Seconds: 280,
        failureReasons: [
          { reason: 'unit-tests: Failed', count: 2 },
          { reason: 'PipelineRunTimeout', count: 1 },
        ],
      },
      {
        pipelineName: 'deploy',
        finishedRuns: 1,
        succeeded: 0,
        failed: 0,
        cancelled: 1,
        timedOut: 0,
        successRate: null,
        durationMedianSeconds: null,
        durationP90Seconds: null,
        failureReasons: [],
      },
    ]);
  });
});

describe('weeklyPipelineStats', () => {
  it('buckets runs into weeks of the window, the last one shorter', () => {
    const weeks = weeklyPipelineStats(
      [
        {
          startedAt: day(1),
          pipelineName: 'ci',
          status: 'succeeded',
          durationSeconds: 60,
        },
        { startedAt: day(8), pipelineName: 'ci', status: 'failed' },
        {
          startedAt: day(9),
          pipelineName: 'ci',
          status: 'succeeded',
          durationSeconds: 120,
        },
      ],
      t0,
      day(10),
    );
    expect(
      weeks.map(w => [
        w.from.slice(0, 10),
        w.to.slice(0, 10),
        w.pipelines[0]?.successRate,
      ]),
    ).toEqual([
      ['2026-11-01', '2026-11-08', 1],
      ['2026-11-08', '2026-11-11', 0.5],
    ]);
  });
});
