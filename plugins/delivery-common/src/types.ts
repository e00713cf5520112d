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
