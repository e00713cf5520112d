/**
 * Normalised state of a pipeline run or task, derived from the provider's own status
 * (for Tekton: `conditions[type=Succeeded]` status plus reason).
 *
 * @public
 */
export type RunStatus =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timedOut'
  | 'unknown';

/**
 * Every {@link RunStatus}, in display order.
 *
 * @public
 */
export const RUN_STATUSES: readonly RunStatus[] = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timedOut',
  'unknown',
];

/**
 * Source-control facts of a run, as far as the provider knows them.
 *
 * @public
 */
export interface RunGitInfo {
  repository?: string;
  revision?: string;
  branch?: string;
  pullRequest?: string;
  eventType?: string;
}

/**
 * A named result or param value. Tekton allows strings, arrays of strings and objects of strings.
 *
 * @public
 */
export interface RunValue {
  name: string;
  value: string | string[] | Record<string, string>;
}

/**
 * One step (container) of a task.
 *
 * @public
 */
export interface TaskStep {
  name: string;
  /** Container name in the task's pod, for fetching logs (e.g. `step-build`). */
  container?: string;
  status: RunStatus;
  reason?: string;
  exitCode?: number;
  startedAt?: string;
  completedAt?: string;
}

/**
 * One task (TaskRun) of a pipeline run.
 *
 * @public
 */
export interface TaskRun {
  /** Name of the task run object. */
  name: string;
  /** Name of the task inside the pipeline. */
  pipelineTaskName: string;
  status: RunStatus;
  reason?: string;
  /** ISO 8601 timestamps. */
  startedAt?: string;
  completedAt?: string;
  /** Number of earlier attempts (retries) before the current one. */
  retries: number;
  /** Whether the task belongs to the pipeline's `finally` section. */
  isFinally: boolean;
  /** Kind of the child object when it is not a TaskRun (e.g. `CustomRun` for an approval gate). */
  kind?: string;
  /** Pod that ran the task, for logs. */
  podName?: string;
  steps?: TaskStep[];
  results?: RunValue[];
  /** Status message, e.g. why the task failed. */
  message?: string;
  /** Link to the task in the provider's own UI (e.g. a GitHub Actions job), when it has one. */
  url?: string;
  /**
   * The environment this task deploys to, when it is a deploy step (Tekton: the TaskRun's
   * `slipway.dev/environment` label). A run with such tasks is one deployment per task.
   */
  environment?: string;
}

/**
 * A pipeline run as the delivery backend stores and serves it.
 *
 * @public
 */
export interface PipelineRun {
  /** Provider-unique id (Kubernetes uid for Tekton). */
  uid: string;
  /** Provider that reported the run, e.g. `tekton`. */
  provider: string;
  cluster?: string;
  namespace?: string;
  name: string;
  pipelineName?: string;
  /** The catalog entity the run belongs to, when known (e.g. `component:default/payments-api`). */
  entityRef?: string;
  status: RunStatus;
  reason?: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  /** Wall-clock duration in seconds, for finished runs. */
  durationSeconds?: number;
  git: RunGitInfo;
  /** The environment a deployment run targets, when the run is a deployment attempt. */
  environment?: string;
  /** uid of the run this one re-ran, when it is a rerun. */
  rerunOf?: string;
  /** Seconds between creation and start (time spent queued or pending). */
  queueSeconds?: number;
  /** Status message of the run, e.g. `Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0`. */
  message?: string;
  params?: RunValue[];
  results?: RunValue[];
  /** Built image, from `IMAGE_URL` / `IMAGE_DIGEST` results. */
  image?: { url?: string; digest?: string };
  /** Whether Tekton Chains signed the run (`chains.tekton.dev/signed: "true"`). */
  signed?: boolean;
  /** Link to the run in the provider's own UI (e.g. a GitHub Actions run), when it has one. */
  url?: string;
  /** In run lists: how many of the run's tasks are in each status. */
  taskSummary?: Partial<Record<RunStatus, number>>;
}

/**
 * A pipeline run together with its tasks.
 *
 * @public
 */
export interface PipelineRunWithTasks extends PipelineRun {
  tasks: TaskRun[];
}

/**
 * One page of runs, newest first. Pass `nextCursor` back as `cursor` for the next page;
 * it is absent on the last page.
 *
 * @public
 */
export interface PipelineRunPage {
  items: PipelineRun[];
  nextCursor?: string;
}

/**
 * Statistics of one pipeline of an entity over a window.
 *
 * @public
 */
export interface PipelineStats {
  pipelineName: string;
  /** Finished runs in the window (succeeded, failed, cancelled, timed out). */
  finishedRuns: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  timedOut: number;
  /** succeeded / (succeeded + failed + timedOut); null without such runs. */
  successRate: number | null;
  /** Over succeeded runs, in seconds; null without any. */
  durationMedianSeconds: number | null;
  durationP90Seconds: number | null;
  /** Most frequent reasons of failed and timed-out runs (`task: reason`), most frequent first. */
  failureReasons: Array<{ reason: string; count: number }>;
}

/**
 * Pipeline statistics of an entity over `[from, to)`.
 *
 * @public
 */
export interface EntityPipelineStats {
  from: string;
  to: string;
  pipelines: PipelineStats[];
  /** With `series=week`: the same statistics per week of the window, oldest first. */
  series?: Array<{ from: string; to: string; pipelines: PipelineStats[] }>;
}
