import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';
import { RunActionContext, TaskLogs } from '@slipway/plugin-delivery-node';
import { RERUN_OF_LABEL, TektonPipelineRun } from '../tekton';
import { TektonVersion } from './discoverTektonVersion';

/** Annotation naming who asked for a rerun or cancellation. */
export const ANNOTATION_REQUESTED_BY = 'slipway.dev/requested-by';

function statusCode(error: unknown): number | undefined {
  const e = error as { code?: number; statusCode?: number } | undefined;
  return e?.code ?? e?.statusCode;
}

/** Step logs of a task, read live from its pod; a clear 404 when the pod is gone. */
export async function readTaskLogs(
  kubeConfig: KubeConfig,
  run: PipelineRunWithTasks,
  task: TaskRun,
): Promise<TaskLogs> {
  if (!task.podName || !run.namespace) {
    throw new NotFoundError(
      `Task '${task.pipelineTaskName}' has no pod (it may not have started)`,
    );
  }
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const steps: TaskLogs['steps'] = [];
  for (const step of task.steps ?? []) {
    const container = step.container ?? `step-${step.name}`;
    try {
      const log = await core.readNamespacedPodLog({
        name: task.podName,
        namespace: run.namespace,
        container,
      });
      steps.push({ name: step.name, container, log: String(log ?? '') });
    } catch (error) {
      if (statusCode(error) === 404) {
        throw new NotFoundError(
          `The pod '${task.podName}' of task '${task.pipelineTaskName}' is gone from cluster '${run.cluster}' (pruned); its logs are no longer available`,
        );
      }
      throw error;
    }
  }
  return { steps };
}

async function readPipelineRun(
  kubeConfig: KubeConfig,
  version: TektonVersion,
  run: PipelineRunWithTasks,
): Promise<TektonPipelineRun> {
  try {
    return (await kubeConfig
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject({
        group: 'tekton.dev',
        version,
        namespace: run.namespace!,
        plural: 'pipelineruns',
        name: run.name,
      })) as TektonPipelineRun;
  } catch (error) {
    if (statusCode(error) === 404) {
      throw new ConflictError(
        `PipelineRun '${run.name}' is gone from cluster '${run.cluster}'; a rerun needs its spec`,
      );
    }
    throw error;
  }
}

/** Creates a new PipelineRun from the spec of the old one, labelled as its rerun. */
export async function rerunPipelineRun(
  kubeConfig: KubeConfig,
  version: TektonVersion,
  run: PipelineRunWithTasks,
  context: RunActionContext,
): Promise<{ name: string; uid?: string }> {
  const old = await readPipelineRun(kubeConfig, version, run);
  const labels = Object.fromEntries(
    Object.entries(old.metadata?.labels ?? {}).filter(
      ([k]) => !k.startsWith('tekton.dev/'),
    ),
  );
  const { status: _cancelOrPending, ...spec } = old.spec ?? {};
  const created = (await kubeConfig
    .makeApiClient(CustomObjectsApi)
    .createNamespacedCustomObject({
      group: 'tekton.dev',
      version,
      namespace: run.namespace!,
      plural: 'pipelineruns',
      body: {
        apiVersion: `tekton.dev/${version}`,
        kind: 'PipelineRun',
        metadata: {
          generateName: `${run.pipelineName ?? run.name}-rerun-`,
          namespace: run.namespace,
          labels: { ...labels, [RERUN_OF_LABEL]: run.uid },
          annotations: { [ANNOTATION_REQUESTED_BY]: context.requestedBy },
        },
        spec,
      },
    })) as TektonPipelineRun;
  return { name: created.metadata?.name ?? '', uid: created.metadata?.uid };
}

/** Asks Tekton to cancel a run (`spec.status: Cancelled`). */
export async function cancelPipelineRun(
  kubeConfig: KubeConfig,
  version: TektonVersion,
  run: PipelineRunWithTasks,
  context: RunActionContext,
): Promise<void> {
  await kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
    {
      group: 'tekton.dev',
      version,
      namespace: run.namespace!,
      plural: 'pipelineruns',
      name: run.name,
      body: {
        metadata: {
          annotations: { [ANNOTATION_REQUESTED_BY]: context.requestedBy },
        },
        spec: { status: 'Cancelled' },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}
