import { createHash } from 'node:crypto';
import { KubeObject } from '../types';
import { kubeTime } from './conditions';
import {
  NamedValue,
  PipelineTask,
  Step,
  TaskSpec,
  asArray,
  stepName,
} from './model';
import { StepOutcome } from './types';

const LONGEST = 63;
const MD5_LENGTH = 32;
const HEAD = LONGEST - MD5_LENGTH;

/**
 * Knative's `kmeta.ChildName`, which Tekton names TaskRuns (`<run>-<task>`) and pods
 * (`<taskrun>-pod`) with: the parent plus the suffix, shortened with an md5 of the parent when
 * longer than 63 characters.
 */
export function childName(parent: string, suffix: string): string {
  if (parent.length <= LONGEST - suffix.length) return parent + suffix;
  if (HEAD - suffix.length <= 0) {
    const hash = createHash('md5')
      .update(parent + suffix)
      .digest('hex');
    return parent.slice(0, HEAD) + hash;
  }
  const hash = createHash('md5').update(parent).digest('hex');
  return (
    parent.slice(0, HEAD - suffix.length).replace(/-+$/, '') + hash + suffix
  );
}

export function stepsOf(spec: TaskSpec): Step[] {
  return asArray<Step>(spec.steps);
}

/** The TaskRun the PipelineRun reconciler creates for one pipeline task. */
export function taskRunBody(args: {
  name: string;
  run: KubeObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  params: NamedValue[];
  taskRef?: unknown;
  taskSpec?: TaskSpec;
  serviceAccountName: string;
  workspaces: unknown[];
}): object {
  const { run } = args;
  const { metadata: _metadata, ...taskSpec } = args.taskSpec ?? {};
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: {
      name: args.name,
      namespace: run.metadata.namespace,
      labels: args.labels,
      ...(Object.keys(args.annotations).length > 0
        ? { annotations: args.annotations }
        : {}),
      ownerReferences: [
        {
          apiVersion: run.apiVersion,
          kind: 'PipelineRun',
          name: run.metadata.name,
          uid: run.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...(args.params.length > 0 ? { params: args.params } : {}),
      serviceAccountName: args.serviceAccountName,
      ...(args.taskSpec ? { taskSpec } : { taskRef: args.taskRef }),
      ...(args.workspaces.length > 0 ? { workspaces: args.workspaces } : {}),
    },
  };
}

function container(step: Step, index: number) {
  const name = stepName(step, index);
  return { name, container: `step-${name}` };
}

/** Step states while the pod starts. */
export function waitingSteps(steps: Step[]) {
  return steps.map((step, i) => ({
    ...container(step, i),
    waiting: { reason: 'PodInitializing' },
  }));
}

/** Step states while the pod runs. */
export function runningSteps(steps: Step[], startedAt: Date) {
  return steps.map((step, i) => ({
    ...container(step, i),
    running: { startedAt: kubeTime(startedAt) },
  }));
}

/**
 * Step states once the pod ended: each step with an outcome terminated with its exit code
 * (`Completed`, `Error`, or `Continued` under `onError: continue`); steps without one (after a
 * failed step) `Skipped`; when `cancelled`, steps without an outcome were stopped.
 */
export function terminatedSteps(
  steps: Step[],
  outcomes: StepOutcome[],
  times: { startedAt: Date; finishedAt: Date },
  cancelled = false,
) {
  const byName = new Map(outcomes.map(o => [o.name, o]));
  return steps.map((step, i) => {
    const ids = container(step, i);
    const outcome = byName.get(ids.name);
    const exitCode = outcome?.exitCode ?? 1;
    let reason = exitCode === 0 ? 'Completed' : 'Error';
    let terminationReason = outcome?.terminationReason ?? reason;
    if (!outcome) {
      reason = cancelled ? 'TaskRunCancelled' : 'Error';
      terminationReason = cancelled ? 'TaskRunCancelled' : 'Skipped';
    }
    return {
      ...ids,
      terminated: {
        exitCode,
        reason,
        startedAt: kubeTime(times.startedAt),
        finishedAt: kubeTime(times.finishedAt),
      },
      terminationReason,
    };
  });
}

/** v1 TaskRun results: declared order first, then the others by name. */
export function taskRunResults(
  spec: TaskSpec,
  values: Record<string, string>,
): Array<{ name: string; type: 'string'; value: string }> {
  const declared = asArray<{ name: string }>(spec.results).map(r => r.name);
  const names = [
    ...declared.filter(n => n in values),
    ...Object.keys(values)
      .filter(n => !declared.includes(n))
      .sort(),
  ];
  return names.map(name => ({ name, type: 'string', value: values[name] }));
}

/** A v1 `status.childReferences` entry (with the task's substituted `when` expressions). */
export function childReference(taskRunName: string, task: PipelineTask) {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    name: taskRunName,
    pipelineTaskName: task.name,
    ...(task.displayName ? { displayName: task.displayName } : {}),
    ...(task.when?.length ? { whenExpressions: task.when } : {}),
  };
}
