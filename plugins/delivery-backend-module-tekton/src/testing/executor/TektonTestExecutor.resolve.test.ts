import { FakeKubeApiServer } from '../FakeKubeApiServer';
import {
  NS,
  conditionOf,
  pipeline,
  pipelineRun,
  runToEnd,
  startExecutor,
  task,
} from './__testUtils__/objects';
import { TektonTestExecutor } from './TektonTestExecutor';

describe('TektonTestExecutor: finding Pipelines and Tasks', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  it('finds Pipelines and Tasks in the fake server, by name and through the cluster resolver', async () => {
    const ran: string[] = [];
    ({ server, executor } = await startExecutor({
      defaultHandler: ({ pipelineTaskName, taskRun }) => {
        ran.push(
          `${pipelineTaskName}:${taskRun.metadata.labels?.['tekton.dev/task']}`,
        );
        return { succeeded: true };
      },
    }));
    server.put('tasks', {
      metadata: { name: 'shared', namespace: 'tasks-home' },
      spec: { steps: [{ name: 'x', image: 'busybox' }] },
    });
    server.put('tasks', {
      metadata: { name: 'local', namespace: NS },
      spec: { steps: [{ name: 'x', image: 'busybox' }] },
    });
    server.put(
      'pipelines',
      pipeline('served', {
        params: [{ name: 'home', default: 'tasks-home' }],
        tasks: [
          { name: 'one', taskRef: { kind: 'Task', name: 'local' } },
          {
            name: 'two',
            runAfter: ['one'],
            taskRef: {
              resolver: 'cluster',
              params: [
                { name: 'kind', value: 'task' },
                { name: 'name', value: 'shared' },
                { name: 'namespace', value: '$(params.home)' },
              ],
            },
          },
        ],
      }),
    );
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('from-server', { pipelineRef: { name: 'served' } }),
    );
    expect(conditionOf(run)?.reason).toBe('Succeeded');
    expect(ran).toEqual(['one:local', 'two:shared']);
  });

  it('fails with CouldntGetPipeline and CouldntGetTask when they are nowhere', async () => {
    ({ server, executor } = await startExecutor());
    const noPipeline = await runToEnd(
      server,
      executor,
      pipelineRun('no-pipeline', { pipelineRef: { name: 'ghost' } }),
    );
    const noTask = await runToEnd(
      server,
      executor,
      pipelineRun('no-task', {
        pipelineSpec: {
          tasks: [
            task('fine'),
            { name: 'ghost', taskRef: { kind: 'Task', name: 'ghost' } },
          ],
        },
      }),
    );
    expect(conditionOf(noPipeline)).toMatchObject({
      status: 'False',
      reason: 'CouldntGetPipeline',
      message: expect.stringContaining(
        'pipelines.tekton.dev "ghost" not found',
      ),
    });
    expect(conditionOf(noTask)).toMatchObject({
      status: 'False',
      reason: 'CouldntGetTask',
      message: expect.stringContaining('tasks.tekton.dev "ghost" not found'),
    });
    expect(server.list('taskruns')).toEqual([]);
  });
});
