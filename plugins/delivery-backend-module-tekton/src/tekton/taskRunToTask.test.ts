import { TektonStepState, TektonTaskRun } from './objects';
import { stepToTaskStep, taskRunToTask } from './taskRunToTask';

describe('stepToTaskStep', () => {
  it.each<[string, TektonStepState, object]>([
    [
      'a step that exited 0',
      {
        name: 'build',
        container: 'step-build',
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: '2025-01-01T00:00:01Z',
          finishedAt: '2025-01-01T00:00:09Z',
        },
      },
      {
        name: 'build',
        container: 'step-build',
        status: 'succeeded',
        reason: 'Completed',
        exitCode: 0,
        startedAt: '2025-01-01T00:00:01.000Z',
        completedAt: '2025-01-01T00:00:09.000Z',
      },
    ],
    [
      'a step that exited 2',
      { name: 'test', terminated: { exitCode: 2, reason: 'Error' } },
      { name: 'test', status: 'failed', reason: 'Error', exitCode: 2 },
    ],
    [
      'a step stopped by cancellation',
      { name: 's', terminated: { exitCode: 1, reason: 'TaskRunCancelled' } },
      {
        name: 's',
        status: 'cancelled',
        reason: 'TaskRunCancelled',
        exitCode: 1,
      },
    ],
    [
      'a step stopped by a timeout',
      {
        name: 's',
        terminationReason: 'TimeoutExceeded',
        terminated: { exitCode: 1, reason: 'Error' },
      },
      { name: 's', status: 'timedOut', reason: 'TimeoutExceeded', exitCode: 1 },
    ],
    [
      'a running step',
      { name: 's', running: { startedAt: '2025-01-01T00:00:01Z' } },
      { name: 's', status: 'running', startedAt: '2025-01-01T00:00:01.000Z' },
    ],
    [
      'a waiting step',
      { container: 'step-s', waiting: { reason: 'PodInitializing' } },
      {
        name: 's',
        container: 'step-s',
        status: 'pending',
        reason: 'PodInitializing',
      },
    ],
    ['a step without state', { name: 's' }, { name: 's', status: 'unknown' }],
  ])('maps %s', (_label, step, expected) => {
    expect(stepToTaskStep(step)).toEqual(expected);
  });

  it('drops a step with neither name nor container', () => {
    expect(stepToTaskStep({ imageID: 'x' })).toBeUndefined();
  });
});

describe('taskRunToTask', () => {
  const v1TaskRun: TektonTaskRun = {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: {
      name: 'run-1-build',
      labels: { 'tekton.dev/pipelineTask': 'build' },
    },
    status: {
      podName: 'run-1-build-pod',
      startTime: '2025-01-01T00:00:00Z',
      completionTime: '2025-01-01T00:01:00Z',
      conditions: [
        {
          type: 'Succeeded',
          status: 'True',
          reason: 'Succeeded',
          message: 'All Steps have completed executing',
        },
      ],
      steps: [
        { name: 'build', terminated: { exitCode: 0 } },
        { imageID: 'dropped' },
      ],
      results: [
        { name: 'IMAGE_URL', value: 'r.example/app:1' },
        { name: 'TAGS', type: 'array', value: ['1', 'latest'] },
        { name: 'ARTIFACT', type: 'object', value: { uri: 'u', digest: 'd' } },
        { name: 'COUNT', value: 3 },
        { value: 'no name' },
      ],
      retriesStatus: [{}, {}],
    },
  };

  it('maps a v1 TaskRun with its steps, results and retries', () => {
    expect(taskRunToTask(v1TaskRun)).toEqual({
      name: 'run-1-build',
      pipelineTaskName: 'build',
      status: 'succeeded',
      reason: 'Succeeded',
      message: 'All Steps have completed executing',
      startedAt: '2025-01-01T00:00:00.000Z',
      completedAt: '2025-01-01T00:01:00.000Z',
      retries: 2,
      isFinally: false,
      podName: 'run-1-build-pod',
      steps: [{ name: 'build', status: 'succeeded', exitCode: 0 }],
      results: [
        { name: 'IMAGE_URL', value: 'r.example/app:1' },
        { name: 'TAGS', value: ['1', 'latest'] },
        { name: 'ARTIFACT', value: { uri: 'u', digest: 'd' } },
        { name: 'COUNT', value: '3' },
      ],
    });
  });

  it('lets the parent context override the task name and set finally', () => {
    const task = taskRunToTask(v1TaskRun, {
      pipelineTaskName: 'build-image',
      isFinally: true,
    });
    expect(task.pipelineTaskName).toBe('build-image');
    expect(task.isFinally).toBe(true);
  });

  it('reads v1beta1 taskResults', () => {
    const task = taskRunToTask({
      apiVersion: 'tekton.dev/v1beta1',
      metadata: { name: 'tr' },
      status: { taskResults: [{ name: 'commit', value: 'abc' }] },
    });
    expect(task.results).toEqual([{ name: 'commit', value: 'abc' }]);
    expect(task.pipelineTaskName).toBe('tr');
    expect(task.status).toBe('pending');
    expect(task.retries).toBe(0);
    expect(task.kind).toBeUndefined();
  });

  it('maps a CustomRun approval gate with its kind', () => {
    const task = taskRunToTask({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'CustomRun',
      metadata: {
        name: 'run-1-approve',
        labels: { 'tekton.dev/pipelineTask': 'approve' },
      },
      spec: { retries: 2 },
      status: {
        startTime: '2025-01-01T00:02:00Z',
        conditions: [
          { type: 'Succeeded', status: 'False', reason: 'Rejected' },
        ],
      },
    });
    expect(task).toEqual({
      name: 'run-1-approve',
      pipelineTaskName: 'approve',
      kind: 'CustomRun',
      status: 'failed',
      reason: 'Rejected',
      startedAt: '2025-01-01T00:02:00.000Z',
      retries: 0,
      isFinally: false,
    });
  });

  it('takes the kind from the parent reference when the object lacks it', () => {
    expect(
      taskRunToTask({ metadata: { name: 'x' } }, { kind: 'Run' }).kind,
    ).toBe('Run');
  });

  it('rejects objects that are not runs', () => {
    expect(() => taskRunToTask({ kind: 'Task' })).toThrow(TypeError);
    expect(() => taskRunToTask({ kind: 'PipelineRun' })).toThrow(
      /got kind PipelineRun/,
    );
    expect(() => taskRunToTask(null as unknown as TektonTaskRun)).toThrow(
      TypeError,
    );
    expect(() => taskRunToTask([] as unknown as TektonTaskRun)).toThrow(
      TypeError,
    );
  });
});
