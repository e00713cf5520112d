/** A Kubernetes timestamp: RFC 3339 in UTC, whole seconds. */
export function kubeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A Knative `Succeeded` condition. */
export interface SucceededCondition {
  type: 'Succeeded';
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export function succeeded(
  status: SucceededCondition['status'],
  reason: string,
  message: string,
  now: Date,
): SucceededCondition {
  return {
    type: 'Succeeded',
    status,
    reason,
    message,
    lastTransitionTime: kubeTime(now),
  };
}

/** How many pipeline tasks (DAG and finally) are in which state. */
export interface TaskCounts {
  succeeded: number;
  failed: number;
  cancelled: number;
  skipped: number;
  incomplete: number;
}

/**
 * The PipelineRun's condition for task counts, with Tekton's reasons and messages (v1
 * `GetPipelineConditionStatus`): `Running` (or `PipelineRunStopping` once a task was cancelled
 * or failed with no finally task left to run) while tasks are incomplete; then `Failed` when a
 * task failed, `Cancelled` when the run was cancelled, `Completed` when tasks were skipped,
 * else `Succeeded`.
 */
export function pipelineRunCondition(
  counts: TaskCounts,
  state: { cancelRequested: boolean; finallyDone: boolean },
  now: Date,
): SucceededCondition {
  const { succeeded: ok, failed, cancelled, skipped, incomplete } = counts;
  const completed = ok + failed + cancelled;
  if (incomplete > 0) {
    const stopping = cancelled > 0 || (failed > 0 && state.finallyDone);
    return succeeded(
      'Unknown',
      stopping ? 'PipelineRunStopping' : 'Running',
      `Tasks Completed: ${completed} (Failed: ${failed}, Cancelled ${cancelled}), Incomplete: ${incomplete}, Skipped: ${skipped}`,
      now,
    );
  }
  const message = `Tasks Completed: ${completed} (Failed: ${failed}, Cancelled ${cancelled}), Skipped: ${skipped}`;
  if (failed > 0) return succeeded('False', 'Failed', message, now);
  if (cancelled > 0 || state.cancelRequested) {
    return succeeded('False', 'Cancelled', message, now);
  }
  return succeeded(
    'True',
    skipped > 0 ? 'Completed' : 'Succeeded',
    message,
    now,
  );
}

/** TaskRun conditions, with Tekton's reasons and messages. */
export const taskRunConditions = {
  pending: (now: Date) => succeeded('Unknown', 'Pending', 'Pending', now),
  running: (now: Date) =>
    succeeded(
      'Unknown',
      'Running',
      'Not all Steps in the Task have finished executing',
      now,
    ),
  succeeded: (now: Date, reason = 'Succeeded', message?: string) =>
    succeeded(
      'True',
      reason,
      message ?? 'All Steps have completed executing',
      now,
    ),
  failed: (now: Date, reason: string, message: string) =>
    succeeded('False', reason, message, now),
  cancelled: (now: Date, name: string) =>
    succeeded(
      'False',
      'TaskRunCancelled',
      `TaskRun "${name}" was cancelled`,
      now,
    ),
};
