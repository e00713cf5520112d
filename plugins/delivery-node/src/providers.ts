import {
  PipelineParamSpec,
  PipelineRunWithTasks,
  RunValue,
  StartedRun,
  TaskRun,
} from '@slipway/plugin-delivery-common';

/**
 * A pipeline run as a provider reports it, before the backend stores it.
 *
 * `entityRef` may be left out when the provider only knows workload labels; the backend then
 * attaches the run to an entity once one claims it.
 *
 * @public
 */
export type PipelineRunRecord = PipelineRunWithTasks & {
  /** Value of the `backstage.io/kubernetes-id` label, when the run carries one. */
  kubernetesId?: string;
  /** The run's labels, used to match entities' label selectors. */
  labels?: Record<string, string>;
  /**
   * The version of the source object this record was made from, e.g. the PipelineRun's
   * Kubernetes `metadata.resourceVersion`. The backend orders writes of one run by it: a string of
   * decimal digits is compared as the number it is (a newer write wins, an older one is dropped);
   * any other string is opaque and only compared for equality, and then a finished run is never
   * set back to unfinished by a different version. Leave it out when the source has no versions.
   */
  sourceVersion?: string;
  /**
   * When the source last changed the run (ISO 8601), e.g. GitHub's `updated_at`; orders writes
   * like `sourceVersion` when that is absent or not a number: an older write never overwrites a
   * newer one. Records with neither field are stored last-writer-wins.
   */
  observedAt?: string;
  /**
   * The versions of the tasks' source objects (e.g. each TaskRun's `resourceVersion`) by task
   * `name`; each stored task is ordered by its own version, like the run by `sourceVersion`.
   */
  taskSourceVersions?: Record<string, string>;
};

/**
 * What the delivery backend hands a provider to report runs through.
 *
 * Writes are idempotent by `uid`: reporting the same run again replaces its stored state, and
 * runs that disappear from the provider (pruned from a cluster) are never deleted from history.
 * Tasks are upserted by `name`; a record without `taskSourceVersions` lists the run's tasks in
 * full (stored tasks it does not list are removed), one with them may list only some (stored
 * tasks are kept). A record whose `sourceVersion` or `observedAt` is older than the stored one's
 * is ignored, so replicas and late retries may report out of order.
 *
 * @public
 */
export interface PipelineRunSink {
  /** Insert or update runs (and their tasks) in one transaction. */
  upsertRuns(runs: PipelineRunRecord[]): Promise<void>;
}

/**
 * The logs of one task, per step, as fetched live from the provider.
 *
 * @public
 */
export interface TaskLogs {
  steps: Array<{
    name: string;
    container?: string;
    log: string;
    /** True when only the tail of the step's log is returned (the log is longer than the limit). */
    truncated?: boolean;
  }>;
}

/**
 * How much of a task's logs to fetch.
 *
 * @public
 */
export interface TaskLogOptions {
  /**
   * Bytes to return per step at most: the tail of each step's log. Providers must not hold more
   * than a small multiple of this in memory, and must give up after their outbound timeout.
   */
  limitBytes: number;
}

/**
 * Who asked for an action on a run, for the provider's own records (labels, annotations).
 *
 * @public
 */
export interface RunActionContext {
  /** Entity ref of the user, e.g. `user:default/ada`. */
  requestedBy: string;
}

/**
 * A run to start: a pipeline of an entity with params.
 *
 * @public
 */
export interface StartRunTarget {
  /** The entity the run is for (e.g. `component:default/payments-api`). */
  entityRef: string;
  /** The pipeline to run (Tekton Pipeline name, GitHub workflow file name or id). */
  pipelineName: string;
  /** Values of the params to set; the pipeline's defaults apply to the others. */
  params: RunValue[];
  /**
   * A previous run of the pipeline for the entity: the new run starts where that one ran
   * (cluster, namespace, workspaces, service account, labels, branch).
   */
  basedOn?: PipelineRunWithTasks;
  /** Without `basedOn`: the cluster and namespace to start the run in. */
  cluster?: string;
  namespace?: string;
  /** Without `basedOn`: the service account the run's tasks run as. */
  serviceAccountName?: string;
  /** Labels to set on the run besides the provider's own (e.g. the entity's kubernetes-id). */
  labels?: Record<string, string>;
}

/**
 * A source of pipeline runs (Tekton, GitHub Actions, GitLab CI, Jenkins, ...).
 *
 * The backend calls {@link PipelineProvider.connect} once at start-up with the sink to write
 * into; the provider owns its own schedule (list, watch, periodic resync) from then on, usually
 * through the scheduler service so that only one replica does the work.
 *
 * @public
 */
export interface PipelineProvider {
  /** A stable, unique name, e.g. `tekton`; it is stored as each run's `provider`. */
  getProviderName(): string;
  /** Start reporting runs into the sink. Must not throw for unreachable sources: log instead. */
  connect(sink: PipelineRunSink): Promise<void>;
  /**
   * Fetch a task's step logs live. Throw a `NotFoundError` (from `@backstage/errors`) with a
   * message a user understands when they are gone (e.g. the pod was deleted).
   */
  getTaskLogs?(
    run: PipelineRunWithTasks,
    task: TaskRun,
    options: TaskLogOptions,
  ): Promise<TaskLogs>;
  /** Start a new run from the spec of this one; resolves with the new run's name (and uid). */
  rerun?(
    run: PipelineRunWithTasks,
    context: RunActionContext,
  ): Promise<{ name: string; uid?: string }>;
  /**
   * The declared params of the pipeline a run ran, read live (Tekton: the Pipeline object;
   * GitHub Actions: the workflow's `workflow_dispatch` inputs). Throw a `NotFoundError` when the
   * pipeline is gone.
   */
  describePipeline?(
    run: PipelineRunWithTasks,
  ): Promise<{ description?: string; params: PipelineParamSpec[] }>;
  /** Start one new run of a pipeline; resolves once the provider accepted it. */
  startRun?(
    target: StartRunTarget,
    context: RunActionContext,
  ): Promise<Omit<StartedRun, 'provider'>>;
  /** Ask the provider to cancel a running run. */
  cancel?(run: PipelineRunWithTasks, context: RunActionContext): Promise<void>;
}
