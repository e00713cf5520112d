import { computePipelineStats, percentile } from './computePipelineStats';

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
      { pipelineName: 'ci', status: 'succeeded', durationSeconds: 100 },
      { pipelineName: 'ci', status: 'succeeded', durationSeconds: 300 },
      {
        pipelineName: 'ci',
        status: 'failed',
        failedTask: 'unit-tests: Failed',
      },
      {
        pipelineName: 'ci',
        status: 'failed',
        failedTask: 'unit-tests: Failed',
      },
      { pipelineName: 'ci', status: 'timedOut', reason: 'PipelineRunTimeout' },
      { pipelineName: 'ci', status: 'cancelled' },
      { pipelineName: 'ci', status: 'running' },
      { pipelineName: 'deploy', status: 'cancelled' },
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
