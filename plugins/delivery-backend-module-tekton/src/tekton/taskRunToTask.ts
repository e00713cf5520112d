import {
  LABEL_DELIVERY_ENVIRONMENT,
  RunStatus,
  TaskRun,
  TaskStep,
} from '@slipway/plugin-delivery-common';
import { TektonStepState, TektonTaskRun } from './objects';
import { runStateOf } from './status';
import { nonEmptyString, toIsoTimestamp, toRunValues } from './values';

/**
 * What the parent PipelineRun knows about a child that the child itself may not carry.
 *
 * @public
 */
export interface TaskRunContext {
  /** Task name inside the pipeline; overrides the `tekton.dev/pipelineTask` label. */
  pipelineTaskName?: string;
  /** Whether the task is in the pipeline's `finally` section. */
  isFinally?: boolean;
  /** Kind from the parent's child reference, for children whose own `kind` was stripped. */
  kind?: string;
  /**
   * The object's status is an embedded summary (conditions only, no times), such as a
   * childReference's inline status; see `runStateOf`.
   */
  statusIsSummary?: boolean;
}

const CHILD_KINDS: ReadonlySet<string> = new Set([
  'TaskRun',
  'CustomRun',
  'Run',
]);

function stepStatus(step: TektonStepState): RunStatus {
  const terminated = step.terminated;
  if (terminated) {
    if (terminated.reason === 'TaskRunCancelled') {
      return 'cancelled';
    }
    if (
      terminated.reason === 'TaskRunTimeout' ||
      step.terminationReason === 'TimeoutExceeded'
    ) {
      return 'timedOut';
    }
    if (typeof terminated.exitCode === 'number') {
      return terminated.exitCode === 0 ? 'succeeded' : 'failed';
    }
    return terminated.reason === 'Completed' ? 'succeeded' : 'failed';
  }
  if (step.running) {
    return 'running';
  }
  if (step.waiting) {
    return 'pending';
  }
  return 'unknown';
}

/**
 * One entry of a TaskRun's `status.steps` as a {@link TaskStep}: terminated with exit code 0 is
 * `succeeded`, another exit code `failed` (or `cancelled` / `timedOut` when the container was
 * stopped for that reason); running is `running`; waiting is `pending`; a step with no container
 * state (seen in trimmed test data) is `unknown`. Returns `undefined` for a step with neither a
 * name nor a container.
 *
 * @public
 */
export function stepToTaskStep(step: TektonStepState): TaskStep | undefined {
  const container = nonEmptyString(step?.container);
  const name = nonEmptyString(step?.name) ?? container?.replace(/^step-/, '');
  if (!name) {
    return undefined;
  }
  const terminated = step.terminated;
  const exitCode =
    typeof terminated?.exitCode === 'number' ? terminated.exitCode : undefined;
  const reason =
    nonEmptyString(step.terminationReason) ??
    nonEmptyString(terminated?.reason) ??
    nonEmptyString(step.waiting?.reason);
  const startedAt = toIsoTimestamp(
    terminated ? terminated.startedAt : step.running?.startedAt,
  );
  const completedAt = toIsoTimestamp(terminated?.finishedAt);
  return {
    name,
    status: stepStatus(step),
    ...(container ? { container } : {}),
    ...(reason ? { reason } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(completedAt ? { completedAt } : {}),
  };
}

/**
 * A TaskRun, CustomRun or Run (tekton.dev/v1, v1beta1 or v1alpha1) as a Slipway {@link TaskRun}.
 *
 * - status, reason and message from the Succeeded condition (see `runStateOf`);
 * - `retries` is the number of earlier attempts, `status.retriesStatus.length` (not
 *   `spec.retries`, which is the allowance);
 * - steps from `status.steps`; results from `status.results` (v1, CustomRun) or
 *   `status.taskResults` (v1beta1), with string, array and object values;
 * - `pipelineTaskName` from the context, else the `tekton.dev/pipelineTask` label, else the
 *   object's name;
 * - `kind` only for children that are not TaskRuns (e.g. `CustomRun` for an approval gate);
 * - `environment` from the `slipway.dev/environment` label: the task deploys to it.
 *
 * Throws a `TypeError` for input that is not an object, or whose `kind` is set and is not a
 * TaskRun, CustomRun or Run.
 *
 * @public
 */
export function taskRunToTask(
  obj: TektonTaskRun,
  ctx: TaskRunContext = {},
): TaskRun {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new TypeError('Expected a Tekton TaskRun object');
  }
  const ownKind = nonEmptyString(obj.kind);
  if (ownKind && !CHILD_KINDS.has(ownKind)) {
    throw new TypeError(
      `Expected a TaskRun, CustomRun or Run, got kind ${ownKind}`,
    );
  }

  const metadata = obj.metadata;
  const status = obj.status ?? undefined;
  const ctxTaskName = nonEmptyString(ctx.pipelineTaskName);
  const name =
    nonEmptyString(metadata?.name) ??
    nonEmptyString(metadata?.generateName) ??
    ctxTaskName ??
    '';
  const pipelineTaskName =
    ctxTaskName ??
    nonEmptyString(metadata?.labels?.['tekton.dev/pipelineTask']) ??
    name;
  const kind = nonEmptyString(ctx.kind) ?? ownKind;
  const state = runStateOf(status, { summaryOnly: ctx.statusIsSummary });

  const steps = Array.isArray(status?.steps)
    ? status.steps
        .map(stepToTaskStep)
        .filter((s): s is TaskStep => s !== undefined)
    : undefined;
  const results = toRunValues(
    Array.isArray(status?.results) ? status.results : status?.taskResults,
  );
  const podName = nonEmptyString(status?.podName);
  const startedAt = toIsoTimestamp(status?.startTime);
  const completedAt = toIsoTimestamp(status?.completionTime);
  const environment = nonEmptyString(
    metadata?.labels?.[LABEL_DELIVERY_ENVIRONMENT],
  );

  return {
    name,
    pipelineTaskName,
    status: state.status,
    retries: Array.isArray(status?.retriesStatus)
      ? status.retriesStatus.length
      : 0,
    isFinally: ctx.isFinally ?? false,
    ...(state.reason ? { reason: state.reason } : {}),
    ...(state.message ? { message: state.message } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(completedAt ? { completedAt } : {}),
    ...(kind && kind !== 'TaskRun' ? { kind } : {}),
    ...(podName ? { podName } : {}),
    ...(steps ? { steps } : {}),
    ...(results ? { results } : {}),
    ...(environment ? { environment } : {}),
  };
}
