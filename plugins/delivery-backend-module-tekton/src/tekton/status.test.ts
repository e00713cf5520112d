import { RunStatus } from '@slipway/plugin-delivery-common';
import { TektonRunStatusBase } from './objects';
import { runStateOf, succeededCondition } from './status';

const START = '2025-01-01T00:00:00Z';
const END = '2025-01-01T00:05:00Z';

function withCondition(
  status: string | boolean,
  reason?: string,
  times: { startTime?: string; completionTime?: string } = {
    startTime: START,
  },
): TektonRunStatusBase {
  return {
    ...times,
    conditions: [
      // YAML may hand us booleans; the declared type says string.
      { type: 'Succeeded', status: status as string, reason, message: 'm' },
    ],
  };
}

describe('runStateOf', () => {
  it.each<[string | boolean, string | undefined, RunStatus]>([
    ['True', 'Succeeded', 'succeeded'],
    ['True', 'Completed', 'succeeded'],
    [true, undefined, 'succeeded'],
    ['False', 'Failed', 'failed'],
    ['False', 'FailureIgnored', 'failed'],
    ['False', 'PipelineValidationFailed', 'failed'],
    ['False', 'TaskRunImagePullFailed', 'failed'],
    [false, undefined, 'failed'],
    ['False', 'Cancelled', 'cancelled'],
    ['False', 'PipelineRunCancelled', 'cancelled'],
    ['False', 'TaskRunCancelled', 'cancelled'],
    ['False', 'CancelledRunFinally', 'cancelled'],
    ['False', 'StoppedRunFinally', 'cancelled'],
    ['False', 'PipelineRunTimeout', 'timedOut'],
    ['False', 'TaskRunTimeout', 'timedOut'],
    ['Unknown', 'Running', 'running'],
    ['Unknown', 'Started', 'running'],
    ['Unknown', 'Cancelled', 'running'],
    ['Unknown', 'ToBeRetried', 'running'],
    ['Unknown', 'Pending', 'pending'],
    ['Unknown', 'PipelineRunPending', 'pending'],
    ['unknown', 'Running', 'running'],
    ['Maybe', 'Running', 'unknown'],
  ])('condition %s / %s is %s', (status, reason, expected) => {
    const state = runStateOf(withCondition(status, reason));
    expect(state.status).toBe(expected);
    expect(state.reason).toBe(reason);
    expect(state.message).toBe('m');
  });

  it('treats an Unknown condition without a startTime as pending', () => {
    expect(runStateOf(withCondition('Unknown', 'Running', {})).status).toBe(
      'pending',
    );
  });

  it('keeps ToBeRetried running even without a startTime', () => {
    expect(runStateOf(withCondition('Unknown', 'ToBeRetried', {})).status).toBe(
      'running',
    );
  });

  it('treats an Unknown condition in an embedded summary as running', () => {
    expect(
      runStateOf(withCondition('Unknown', undefined, {}), {
        summaryOnly: true,
      }).status,
    ).toBe('running');
  });

  it('derives a state when there is no Succeeded condition', () => {
    expect(runStateOf(undefined)).toEqual({ status: 'pending' });
    expect(runStateOf(null)).toEqual({ status: 'pending' });
    expect(runStateOf({ conditions: null, startTime: null })).toEqual({
      status: 'pending',
    });
    expect(runStateOf({ startTime: START })).toEqual({ status: 'running' });
    expect(runStateOf({ startTime: START, completionTime: END })).toEqual({
      status: 'unknown',
    });
    expect(
      runStateOf({
        startTime: START,
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
    ).toEqual({ status: 'running' });
  });

  it('leaves out empty reasons and messages', () => {
    expect(
      runStateOf({
        conditions: [
          { type: 'Succeeded', status: 'True', reason: '', message: '' },
        ],
      }),
    ).toEqual({ status: 'succeeded' });
  });
});

describe('succeededCondition', () => {
  it('picks the Succeeded condition among others', () => {
    expect(
      succeededCondition({
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'Succeeded', status: 'True', reason: 'Completed' },
        ],
      }),
    ).toEqual({ type: 'Succeeded', status: 'True', reason: 'Completed' });
    expect(succeededCondition({ conditions: [] })).toBeUndefined();
  });
});
