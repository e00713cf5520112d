import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';
import {
  RunActionContext,
  TaskLogOptions,
  TaskLogs,
} from '@slipway/plugin-delivery-node';
import { RERUN_OF_LABEL, TektonPipelineRun } from '../tekton';
import { clusterStatus, toClusterError } from './clusterErrors';
import { TektonVersion } from './discoverTektonVersion';
import { kubeRequestOptions } from './kubeRequestOptions';
import { readLogTail } from './readLogTail';

/** Annotation naming who asked for a rerun or cancellation. */
export const ANNOTATION_REQUESTED_BY = 'slipway.dev/requested-by';

/** A cluster to act on: its client configuration and the timeout of each call. */
export interface ClusterCall {
  kubeConfig: KubeConfig;
  timeoutMs: number;
}

/**
 * The tail of each step's log of a task (at most `limitBytes` per step, never the whole log),
 * read live from its pod; a clear 404 when the pod is gone.
 */
export async function readTaskLogs(
  { kubeConfig, timeoutMs }: ClusterCall,
  run: PipelineRunWithTasks,
  task: TaskRun,
  { limitBytes }: TaskLogOptions,
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
      const { log, truncated } = await readLogTail(
        async (tailLines, limit) =>
          String(
            (await core.readNamespacedPodLog(
              {
                name: task.podName!,
                namespace: run.namespace!,
                container,
                tailLines,
                limitBytes: limit,
              },
              kubeRequestOptions(timeoutMs),
            )) ?? '',
          ),
        limitBytes,
      );
      steps.push({
        name: step.name,
        container,
        log,
        ...(truncated ? { truncated } : {}),
      });
    } catch (error) {
      if (clusterStatus(error) === 404) {
        throw new NotFoundError(
          `The pod '${task.podName}' of task '${task.pipelineTaskName}' is gone from cluster '${run.cluster}' (pruned); its logs are no longer available`,
        );
      }
      throw toClusterError(
        error,
        `Reading the log of step '${step.name}' of pod ${run.namespace}/${task.podName} in cluster '${run.cluster}'`,
      );
    }
  }
  return { steps };
}

async function readPipelineRun(
  { kubeConfig, timeoutMs }: ClusterCall,
  version: TektonVersion,
  run: PipelineRunWithTasks,
): Promise<TektonPipelineRun> {
  try {
    return (await kubeConfig
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject(
        {
          group: 'tekton.dev',
          version,
          namespace: run.namespace!,
          plural: 'pipelineruns',
          name: run.name,
        },
        kubeRequestOptions(timeoutMs),
      )) as TektonPipelineRun;
  } catch (error) {
    if (clusterStatus(error) === 404) {
      throw new ConflictError(
        `PipelineRun '${run.name}' is gone from cluster '${run.cluster}'; a rerun needs its spec`,
      );
    }
    throw toClusterError(error, `Reading ${describe(run)} for a rerun`);
  }
}

/** Creates a new PipelineRun from the spec of the old one, labelled as its rerun. */
export async function rerunPipelineRun(
  cluster: ClusterCall,
  version: TektonVersion,
  run: PipelineRunWithTasks,
  context: RunActionContext,
): Promise<{ name: string; uid?: string }> {
  const old = await readPipelineRun(cluster, version, run);
  const labels = Object.fromEntries(
    Object.entries(old.metadata?.labels ?? {}).filter(
      ([k]) => !k.startsWith('tekton.dev/'),
    ),
  );
  const { status: _cancelOrPending, ...spec } = old.spec ?? {};
  try {
    const created = (await cluster.kubeConfig
      .makeApiClient(CustomObjectsApi)
      .createNamespacedCustomObject(
        {
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
        },
        kubeRequestOptions(cluster.timeoutMs),
      )) as TektonPipelineRun;
    return { name: created.metadata?.name ?? '', uid: created.metadata?.uid };
  } catch (error) {
    throw toClusterError(error, `Creating a rerun of ${describe(run)}`);
  }
}

/** Asks Tekton to cancel a run (`spec.status: Cancelled`). */
export async function cancelPipelineRun(
  { kubeConfig, timeoutMs }: ClusterCall,
  version: TektonVersion,
  run: PipelineRunWithTasks,
  context: RunActionContext,
): Promise<void> {
  try {
    await kubeConfig
      .makeApiClient(CustomObjectsApi)
      .patchNamespacedCustomObject(
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
        kubeRequestOptions(
          timeoutMs,
          undefined,
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
      );
  } catch (error) {
    throw toClusterError(error, `Cancelling ${describe(run)}`);
  }
}

function describe(run: PipelineRunWithTasks): string {
  return `PipelineRun ${run.namespace}/${run.name} in cluster '${run.cluster}'`;
}
