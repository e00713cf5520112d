import { RunStatus } from '@slipway/plugin-delivery-common';
import { TektonCondition, TektonRunStatusBase } from './objects';
import { nonEmptyString } from './values';

/**
 * A run's normalised state with the condition's own reason and message.
 *
 * @public
 */
export interface TektonRunState {
  status: RunStatus;
  reason?: string;
  message?: string;
}

/**
 * Reasons of a `False` Succeeded condition that mean the run was cancelled (PipelineRun:
 * `Cancelled`, legacy `PipelineRunCancelled`, `CancelledRunFinally`, `StoppedRunFinally`;
 * TaskRun: `TaskRunCancelled`).
 *
 * @public
 */
export const CANCELLED_REASONS: ReadonlySet<string> = new Set([
  'Cancelled',
  'PipelineRunCancelled',
  'TaskRunCancelled',
  'CancelledRunFinally',
  'StoppedRunFinally',
]);

/**
 * Reasons of a `False` Succeeded condition that mean the run timed out.
 *
 * @public
 */
export const TIMED_OUT_REASONS: ReadonlySet<string> = new Set([
  'PipelineRunTimeout',
  'TaskRunTimeout',
]);

/**
 * Reasons of an `Unknown` Succeeded condition that mean the run has not started executing
 * (`Pending` is a TaskRun whose pod is not running yet; `PipelineRunPending` is a PipelineRun
 * held back by `spec.status: PipelineRunPending`).
 *
 * @public
 */
export const PENDING_REASONS: ReadonlySet<string> = new Set([
  'Pending',
  'PipelineRunPending',
]);

/**
 * The `type: Succeeded` condition of a run status, if any.
 *
 * @public
 */
export function succeededCondition(
  status: TektonRunStatusBase | null | undefined,
): TektonCondition | undefined {
  const conditions = status?.conditions;
  if (!Array.isArray(conditions)) {
    return undefined;
  }
  return conditions.find(c => c?.type === 'Succeeded');
}

/**
 * Normalised state of any Tekton run (PipelineRun, TaskRun, CustomRun, Run) from its
 * `status.conditions[type=Succeeded]`:
 *
 * - `True`: `succeeded` (reasons `Succeeded`, `Completed`, or any other).
 * - `False`: `cancelled` for {@link CANCELLED_REASONS}, `timedOut` for
 *   {@link TIMED_OUT_REASONS}, else `failed` (including `FailureIgnored`, validation and
 *   resolution failures).
 * - `Unknown`: `pending` for {@link PENDING_REASONS} or when there is no `startTime` yet;
 *   `running` otherwise, including `ToBeRetried` (a retry is about to start) and `Cancelled`
 *   (cancellation requested, tasks still stopping).
 * - any other condition status: `unknown`.
 * - no condition at all: `pending` without a `startTime` (not picked up yet), `running` with a
 *   `startTime` but no `completionTime` (the controller set the start before its first
 *   condition), and `unknown` when a `completionTime` is present (finished, outcome not recorded).
 *
 * `summaryOnly` marks a status that is an embedded summary (a childReference's inline `status`)
 * carrying conditions but never times: there, a missing `startTime` is not evidence that the
 * run has not started, so an `Unknown` condition means `running`, and no condition means
 * `pending`.
 *
 * @public
 */
export function runStateOf(
  status: TektonRunStatusBase | null | undefined,
  options: { summaryOnly?: boolean } = {},
): TektonRunState {
  const condition = succeededCondition(status);
  const started = Boolean(nonEmptyString(status?.startTime));
  if (!condition) {
    if (options.summaryOnly || !started) {
      return { status: 'pending' };
    }
    return {
      status: nonEmptyString(status?.completionTime) ? 'unknown' : 'running',
    };
  }

  const reason = nonEmptyString(condition.reason);
  const message = nonEmptyString(condition.message);
  const state = (s: RunStatus): TektonRunState => ({
    status: s,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  });

  // YAML without quotes turns True/False into booleans; accept those and any casing.
  switch (String(condition.status).toLowerCase()) {
    case 'true':
      return state('succeeded');
    case 'false':
      if (reason && CANCELLED_REASONS.has(reason)) {
        return state('cancelled');
      }
      if (reason && TIMED_OUT_REASONS.has(reason)) {
        return state('timedOut');
      }
      return state('failed');
    case 'unknown':
      if (reason && PENDING_REASONS.has(reason)) {
        return state('pending');
      }
      if (reason === 'ToBeRetried') {
        return state('running');
      }
      if (!started && !options.summaryOnly) {
        return state('pending');
      }
      return state('running');
    default:
      return state('unknown');
  }
}
