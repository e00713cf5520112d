import { pipelineRunToRecord, taskRunToTask } from '../../tekton';
import { FakeKubeApiServer } from '../FakeKubeApiServer';
import {
  NS,
  pipelineRun,
  runToEnd,
  startExecutor,
  taskRunOf,
} from './__testUtils__/objects';
import { build, delivery } from './__testUtils__/delivery';
import { TektonTestExecutor } from './TektonTestExecutor';
import { TaskHandler } from './types';

describe('TektonTestExecutor: objects the Tekton module reads', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const start = async (handlers: Record<string, TaskHandler>) => {
    ({ server, executor } = await startExecutor({
      pipelines: [delivery],
      handlers,
    }));
  };

  const runDelivery = (name: string) =>
    runToEnd(
      server,
      executor,
      pipelineRun(name, { pipelineRef: { name: 'payments-delivery' } }),
    );

  it('produces objects the module converter reads: status, tasks, results, image, environment', async () => {
    await start({
      build,
      'deploy-staging': () => ({
        succeeded: false,
        steps: [{ name: 'run', exitCode: 3, log: 'kubectl: error\n' }],
      }),
    });
    const run = await runDelivery('payments-4');
    const taskRuns = server.list('taskruns', NS);
    const record = pipelineRunToRecord(run, { cluster: 'test', taskRuns });

    expect(record).toMatchObject({
      uid: run.metadata.uid,
      name: 'payments-4',
      pipelineName: 'payments-delivery',
      status: 'failed',
      reason: 'Failed',
      kubernetesId: 'payments',
      results: [{ name: 'IMAGE_URL', value: 'registry/payments:abc' }],
      image: { url: 'registry/payments:abc' },
    });
    expect(
      record.tasks.map(t => [t.pipelineTaskName, t.status, t.isFinally]),
    ).toEqual([
      ['build', 'succeeded', false],
      ['deploy-staging', 'failed', false],
      ['notify', 'succeeded', true],
    ]);
    const deploy = taskRunToTask(
      taskRunOf(server, 'payments-4', 'deploy-staging')!,
    );
    expect(deploy).toMatchObject({
      pipelineTaskName: 'deploy-staging',
      status: 'failed',
      message: '"step-run" exited with code 3',
      environment: 'staging',
      steps: [{ name: 'run', status: 'failed', exitCode: 3 }],
    });
    expect(record.tasks[1]).toMatchObject({ environment: 'staging' });
    expect(record.tasks[0]).toMatchObject({
      results: [
        { name: 'IMAGE_URL', value: 'registry/payments:abc' },
        { name: 'IMAGE_DIGEST', value: 'sha256:1' },
      ],
      steps: [
        { name: 'build', status: 'succeeded', exitCode: 0 },
        { name: 'push', status: 'succeeded', exitCode: 0 },
      ],
    });
  });
});
