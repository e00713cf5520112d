import { Watch } from '@kubernetes/client-node';
import { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';
import { waitFor } from '../waitFor';
import {
  NS,
  conditionOf,
  pipelineRun,
  podLog,
  runToEnd,
  startExecutor,
  taskRunOf,
} from './__testUtils__/objects';
import { build, delivery } from './__testUtils__/delivery';
import { TektonTestExecutor } from './TektonTestExecutor';
import { TaskHandler } from './types';

const TIME = /^2025-03-01T10:0\d:\d\dZ$/;

describe('TektonTestExecutor: the objects it writes', () => {
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
      pipelineRun(name, {
        pipelineRef: { name: 'payments-delivery' },
        taskRunTemplate: { serviceAccountName: 'pipeline-sa' },
      }),
    );

  it('writes TaskRuns with Tekton v1 spec and status: pod, steps, results, times', async () => {
    await start({ build });
    const run = await runDelivery('payments-1');
    const tr = taskRunOf(server, 'payments-1', 'build')!;

    expect(tr.spec).toEqual({
      serviceAccountName: 'pipeline-sa',
      taskSpec: expect.objectContaining({ steps: expect.any(Array) }),
    });
    const status = tr.status as Record<string, any>;
    expect(status).toMatchObject({
      podName: 'payments-1-build-pod',
      conditions: [
        {
          type: 'Succeeded',
          status: 'True',
          reason: 'Succeeded',
          message: 'All Steps have completed executing',
          lastTransitionTime: expect.stringMatching(TIME),
        },
      ],
      steps: [
        {
          name: 'build',
          container: 'step-build',
          terminated: { exitCode: 0, reason: 'Completed' },
        },
        {
          name: 'push',
          container: 'step-push',
          terminated: { exitCode: 0, reason: 'Completed' },
        },
      ],
      results: [
        { name: 'IMAGE_URL', type: 'string', value: 'registry/payments:abc' },
        { name: 'IMAGE_DIGEST', type: 'string', value: 'sha256:1' },
      ],
    });
    expect(status.startTime).toMatch(TIME);
    expect(status.completionTime > status.startTime).toBe(true);

    const runStatus = run.status as Record<string, any>;
    expect(runStatus.startTime).toMatch(TIME);
    expect(runStatus.completionTime).toMatch(TIME);
    expect(runStatus.pipelineSpec).toEqual(delivery.spec);
    expect(runStatus.childReferences).toEqual([
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: 'payments-1-build',
        pipelineTaskName: 'build',
      },
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: 'payments-1-deploy-staging',
        pipelineTaskName: 'deploy-staging',
      },
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: 'payments-1-notify',
        pipelineTaskName: 'notify',
      },
    ]);
  });

  it('serves each step log as its container log through the Kubernetes API', async () => {
    await start({ build });
    await runDelivery('payments-2');
    const read = (container: string) =>
      podLog(server, 'payments-2-build-pod', container);
    await expect(read('step-build')).resolves.toBe('building\n');
    await expect(read('step-push')).resolves.toBe('pushed\n');
  });

  it('lets a watcher see the transitions Tekton makes, in order', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    await start({
      build: async context => {
        await gate;
        return build(context);
      },
    });
    const seen: string[] = [];
    const watches = await Promise.all(
      ['pipelineruns', 'taskruns'].map(plural =>
        new Watch(server.kubeConfig()).watch(
          `/apis/tekton.dev/v1/namespaces/${NS}/${plural}`,
          {},
          (type, obj: KubeObject) => {
            const reason = conditionOf(obj)?.reason ?? '-';
            seen.push(`${obj.kind} ${obj.metadata.name} ${type} ${reason}`);
          },
          () => undefined,
        ),
      ),
    );
    try {
      const done = runDelivery('payments-3');
      await waitFor(() =>
        seen.includes('TaskRun payments-3-build MODIFIED Running'),
      );
      expect(
        conditionOf(server.get('pipelineruns', NS, 'payments-3'))?.message,
      ).toBe(
        'Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0',
      );
      release();
      await done;
      await waitFor(() => seen.some(s => /PipelineRun .* Succeeded$/.test(s)));
    } finally {
      watches.forEach(w => w.abort());
    }
    const dedupe = (prefix: string) =>
      seen
        .filter(s => s.startsWith(prefix))
        .map(s => s.slice(prefix.length))
        .filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(dedupe('TaskRun payments-3-build ')).toEqual([
      'ADDED -',
      'MODIFIED Pending',
      'MODIFIED Running',
      'MODIFIED Succeeded',
    ]);
    expect(dedupe('PipelineRun payments-3 ')).toEqual([
      'ADDED -',
      'MODIFIED Started',
      'MODIFIED Running',
      'MODIFIED Succeeded',
    ]);
  });
});
