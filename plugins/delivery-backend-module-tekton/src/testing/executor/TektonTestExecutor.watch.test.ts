import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';
import { waitFor } from '../waitFor';
import {
  NS,
  conditionOf,
  pipelineRun,
  startExecutor,
  task,
  taskRunOf,
} from './__testUtils__/objects';
import { TektonTestExecutor } from './TektonTestExecutor';
import { TaskHandler } from './types';

/** Runs until its signal aborts (records that it saw the abort). */
function untilAborted(aborted: string[]): TaskHandler {
  return ({ pipelineTaskName, signal }) =>
    new Promise(resolve => {
      signal.addEventListener('abort', () => {
        aborted.push(pipelineTaskName);
        resolve({ succeeded: true });
      });
    });
}

describe('TektonTestExecutor: runs created through the API, cancellation, stopping', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;
  let api: CustomObjectsApi;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const start = async (handlers: Record<string, TaskHandler> = {}) => {
    ({ server, executor } = await startExecutor({ handlers }));
    api = server.kubeConfig().makeApiClient(CustomObjectsApi);
  };

  const create = async (body: Record<string, unknown>) =>
    (await api.createNamespacedCustomObject({
      group: 'tekton.dev',
      version: 'v1',
      namespace: NS,
      plural: 'pipelineruns',
      body,
    })) as KubeObject;

  const patchSpecStatus = (name: string, status: string | null) =>
    api.patchNamespacedCustomObject(
      {
        group: 'tekton.dev',
        version: 'v1',
        namespace: NS,
        plural: 'pipelineruns',
        name,
        body: { spec: { status } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

  const current = (name: string) => server.get('pipelineruns', NS, name);

  const twoTasks = {
    pipelineSpec: {
      tasks: [task('first'), task('second', { runAfter: ['first'] })],
      finally: [task('tidy')],
    },
  };

  it('executes PipelineRuns created through the Kubernetes API, and leaves runs with a status alone', async () => {
    await start();
    server.put('pipelineruns', {
      ...pipelineRun('fixture', twoTasks),
      status: {
        startTime: '2024-01-01T00:00:00Z',
        conditions: [
          { type: 'Succeeded', status: 'Unknown', reason: 'Running' },
        ],
      },
    });
    executor.runWhenCreated();
    const created = await create({
      ...pipelineRun('', twoTasks),
      metadata: { generateName: 'api-', namespace: NS },
    });
    await executor.settled();

    const name = created.metadata.name;
    expect(conditionOf(current(name))?.reason).toBe('Succeeded');
    expect(conditionOf(taskRunOf(server, name, 'second'))?.reason).toBe(
      'Succeeded',
    );
    expect(conditionOf(current('fixture'))?.reason).toBe('Running');
    expect(
      server
        .list('taskruns')
        .map(t => t.metadata.name)
        .sort(),
    ).toEqual([`${name}-first`, `${name}-second`, `${name}-tidy`]);
  });

  it('cancels on spec.status: Cancelled: the running TaskRun is cancelled, nothing else starts', async () => {
    const aborted: string[] = [];
    await start({ first: untilAborted(aborted) });
    executor.runWhenCreated();
    await create(pipelineRun('to-cancel', twoTasks));
    await waitFor(
      () =>
        conditionOf(taskRunOf(server, 'to-cancel', 'first'))?.reason ===
        'Running',
    );
    await patchSpecStatus('to-cancel', 'Cancelled');
    await executor.settled();

    expect(aborted).toEqual(['first']);
    expect(conditionOf(current('to-cancel'))).toMatchObject({
      status: 'False',
      reason: 'Cancelled',
      message: 'PipelineRun "to-cancel" was cancelled',
    });
    expect(conditionOf(taskRunOf(server, 'to-cancel', 'first'))).toMatchObject({
      status: 'False',
      reason: 'TaskRunCancelled',
    });
    expect(taskRunOf(server, 'to-cancel', 'second')).toBeUndefined();
    expect(taskRunOf(server, 'to-cancel', 'tidy')).toBeUndefined();
  });

  it('on spec.status: CancelledRunFinally cancels the running DAG tasks and still runs finally', async () => {
    const aborted: string[] = [];
    await start({ first: untilAborted(aborted) });
    executor.runWhenCreated();
    await create(pipelineRun('graceful', twoTasks));
    await waitFor(
      () =>
        conditionOf(taskRunOf(server, 'graceful', 'first'))?.reason ===
        'Running',
    );
    await patchSpecStatus('graceful', 'CancelledRunFinally');
    await executor.settled();

    const run = current('graceful')!;
    expect(conditionOf(run)).toMatchObject({
      status: 'False',
      reason: 'Cancelled',
      message: 'Tasks Completed: 2 (Failed: 0, Cancelled 1), Skipped: 1',
    });
    expect((run.status as any).skippedTasks).toEqual([
      { name: 'second', reason: 'PipelineRun was gracefully cancelled' },
    ]);
    expect(conditionOf(taskRunOf(server, 'graceful', 'tidy'))?.reason).toBe(
      'Succeeded',
    );
  });

  it('holds a run with spec.status: PipelineRunPending until the field is cleared', async () => {
    await start();
    executor.runWhenCreated();
    await create({
      ...pipelineRun('held', twoTasks),
      spec: { ...twoTasks, status: 'PipelineRunPending' },
    });
    await waitFor(
      () => conditionOf(current('held'))?.reason === 'PipelineRunPending',
    );
    expect(current('held')?.status).toEqual({
      conditions: [
        expect.objectContaining({
          status: 'Unknown',
          message: 'PipelineRun "held" is pending',
        }),
      ],
    });
    expect(server.list('taskruns')).toEqual([]);

    await patchSpecStatus('held', null);
    await waitFor(() => conditionOf(current('held'))?.reason === 'Succeeded');
    await executor.settled();
  });

  it('stop() aborts what runs and writes nothing more; run() then rejects', async () => {
    const aborted: string[] = [];
    await start({ first: untilAborted(aborted) });
    server.put('pipelineruns', pipelineRun('stopped', twoTasks));
    const running = executor.run(NS, 'stopped');
    await waitFor(
      () =>
        conditionOf(taskRunOf(server, 'stopped', 'first'))?.reason ===
        'Running',
    );
    const version = server.resourceVersion();
    await executor.stop();

    await expect(running).rejects.toThrow('the TektonTestExecutor stopped');
    expect(aborted).toEqual(['first']);
    expect(server.resourceVersion()).toBe(version);
    expect(conditionOf(taskRunOf(server, 'stopped', 'first'))?.reason).toBe(
      'Running',
    );
  });

  it('rejects run() when the PipelineRun is deleted while it runs', async () => {
    const aborted: string[] = [];
    await start({ first: untilAborted(aborted) });
    server.put('pipelineruns', pipelineRun('deleted', twoTasks));
    const running = executor.run(NS, 'deleted');
    await waitFor(
      () =>
        conditionOf(taskRunOf(server, 'deleted', 'first'))?.reason ===
        'Running',
    );
    server.remove('pipelineruns', NS, 'deleted');

    await expect(running).rejects.toThrow(
      `PipelineRun ${NS}/deleted was deleted`,
    );
    await executor.settled();
    expect(aborted).toEqual(['first']);
  });
});
