import { KubeObject } from '../types';
import {
  SucceededCondition,
  TaskCounts,
  pipelineRunCondition,
  succeeded,
} from './conditions';
import { asRecord } from './model';
import { TaskState } from './runState';
import { GracefulStop } from './scheduling';

/** The PipelineRun was deleted, or the executor stopped, while it ran. */
export class ExecutionInterrupted extends Error {}

/** What `spec.status` asked for: stop at once, or one of the graceful stops. */
export type StopRequest = 'Cancelled' | GracefulStop;

const HARD_CANCEL: ReadonlySet<string> = new Set([
  'Cancelled',
  'PipelineRunCancelled',
]);
const GRACEFUL: ReadonlySet<string> = new Set([
  'CancelledRunFinally',
  'StoppedRunFinally',
]);

/**
 * A stop the run's `spec.status` newly asks for, given the one already under way: `Cancelled`
 * (or the legacy `PipelineRunCancelled`) overrides a graceful stop; a graceful stop applies
 * only when none is under way.
 */
export function newStopRequest(
  run: KubeObject,
  current: StopRequest | undefined,
): StopRequest | undefined {
  if (current === 'Cancelled') return undefined;
  const requested = String(asRecord(run.spec).status);
  if (HARD_CANCEL.has(requested)) return 'Cancelled';
  if (GRACEFUL.has(requested) && !current) return requested as GracefulStop;
  return undefined;
}

/**
 * The running tasks a stop cancels: all for `Cancelled`, the DAG tasks for
 * `CancelledRunFinally`, none for `StoppedRunFinally` (they finish).
 */
export function tasksToCancel(
  stop: StopRequest,
  running: TaskState[],
): TaskState[] {
  if (stop === 'StoppedRunFinally') return [];
  return running.filter(t => stop === 'Cancelled' || !t.isFinally);
}

/** Whether a run's Succeeded condition is True or False. */
export function isDone(run: KubeObject): boolean {
  const conditions = asRecord(run.status).conditions;
  return (
    Array.isArray(conditions) &&
    conditions.some(
      c => c?.type === 'Succeeded' && ['True', 'False'].includes(c.status),
    )
  );
}

/** A timer to race against, and to clear once the race is over. */
export function delay(ms: number): { promise: Promise<void>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>(resolve => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * Waits while the run's `spec.status` is `PipelineRunPending`, polling `read`; calls
 * `onPending` once when it is.
 */
export async function whilePending(
  read: () => KubeObject,
  onPending: () => void,
  pollIntervalMs: number,
): Promise<void> {
  let notified = false;
  while (asRecord(read().spec).status === 'PipelineRunPending') {
    if (!notified) onPending();
    notified = true;
    await delay(pollIntervalMs).promise;
  }
}

/**
 * The PipelineRun's last condition: the failure that ended it early (e.g.
 * `InvalidTaskResultReference`), else `Cancelled` with Tekton's message for a hard cancel, else
 * from the task counts (a graceful stop counts as a cancellation).
 */
export function finalCondition(args: {
  counts: TaskCounts;
  failure?: { reason: string; message: string };
  stop?: StopRequest;
  runName: string;
  now: Date;
}): SucceededCondition {
  const { failure, stop, now } = args;
  if (failure) return succeeded('False', failure.reason, failure.message, now);
  if (stop === 'Cancelled') {
    const message = `PipelineRun "${args.runName}" was cancelled`;
    return succeeded('False', 'Cancelled', message, now);
  }
  return pipelineRunCondition(
    args.counts,
    { cancelRequested: stop !== undefined, finallyDone: true },
    now,
  );
}
