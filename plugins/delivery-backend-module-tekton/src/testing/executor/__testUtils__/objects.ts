import { CoreV1Api } from '@kubernetes/client-node';
import { FakeKubeApiServer } from '../../FakeKubeApiServer';
import { kubeResources } from '../../resourceDefinitions';
import { KubeObject } from '../../types';
import { TektonTestExecutor } from '../TektonTestExecutor';
import { TaskHandler, TektonTestExecutorOptions } from '../types';

export const NS = 'ci';

/** A clock that starts at `start` and moves one second per reading. */
export function steppingClock(start = '2025-03-01T10:00:00Z') {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}

/** A pipeline task with an embedded one-step taskSpec (`extra.taskSpec` merged into it). */
export function task(
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { taskSpec, ...rest } = extra;
  return {
    name,
    ...rest,
    taskSpec: {
      steps: [{ name: 'run', image: 'busybox' }],
      ...(taskSpec as object),
    },
  };
}

export function pipeline(
  name: string,
  spec: Record<string, unknown>,
  labels?: Record<string, string>,
): Record<string, unknown> {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name, namespace: NS, ...(labels ? { labels } : {}) },
    spec,
  };
}

export function pipelineRun(
  name: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name, namespace: NS, ...metadata },
    spec,
  };
}

/** A handler that records the task's name when it starts and succeeds with `results`. */
export function recording(
  log: string[],
  results: Record<string, string> = {},
): TaskHandler {
  return ({ pipelineTaskName }) => {
    log.push(pipelineTaskName);
    return { succeeded: true, results };
  };
}

/** A started fake server (pipelines, tasks, secrets served) and an executor on it. */
export async function startExecutor(
  options: Omit<TektonTestExecutorOptions, 'server'> = {},
): Promise<{ server: FakeKubeApiServer; executor: TektonTestExecutor }> {
  const server = await FakeKubeApiServer.start({
    resources: [
      kubeResources.pipelines,
      kubeResources.tasks,
      kubeResources.secrets,
    ],
  });
  const executor = new TektonTestExecutor({
    server,
    now: steppingClock(),
    ...options,
  });
  return { server, executor };
}

/** Puts a PipelineRun and runs it to the end. */
export async function runToEnd(
  server: FakeKubeApiServer,
  executor: TektonTestExecutor,
  run: Record<string, unknown>,
): Promise<KubeObject> {
  const stored = server.put('pipelineruns', run);
  return executor.run(NS, stored.metadata.name);
}

/** The Succeeded condition of a run. */
export function conditionOf(obj: KubeObject | undefined) {
  const status = (obj?.status ?? {}) as { conditions?: unknown[] };
  return (status.conditions ?? [])[0] as
    | { status: string; reason: string; message: string }
    | undefined;
}

/** A TaskRun of `<run>-<task>`. */
export function taskRunOf(
  server: FakeKubeApiServer,
  run: string,
  pipelineTask: string,
): KubeObject | undefined {
  return server.get('taskruns', NS, `${run}-${pipelineTask}`);
}

/** A container log of a pod in NS, read through the Kubernetes API. */
export function podLog(
  server: FakeKubeApiServer,
  pod: string,
  container: string,
): Promise<string> {
  return server
    .kubeConfig()
    .makeApiClient(CoreV1Api)
    .readNamespacedPodLog({ name: pod, namespace: NS, container });
}
