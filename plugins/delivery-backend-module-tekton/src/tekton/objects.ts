/*
 * Loose shapes of the Tekton objects the mappers read.
 *
 * They cover tekton.dev/v1, v1beta1 and v1alpha1 at once, and every field is optional: objects
 * come from clusters of any Tekton version, from Tekton Results, or from test data that drops
 * apiVersion, kind or metadata. Values that real clusters send as strings may still be numbers,
 * booleans or null in hand-written data, so the mappers re-check types instead of trusting these
 * declarations.
 */

/**
 * A Kubernetes owner reference.
 *
 * @public
 */
export interface TektonOwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

/**
 * The parts of Kubernetes object metadata the mappers read.
 *
 * @public
 */
export interface TektonObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  /** Changes with every write of the object; orders the records made from it. */
  resourceVersion?: string;
  creationTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: TektonOwnerReference[];
}

/**
 * A Knative-style condition; Tekton's run state is the one with `type: Succeeded`.
 *
 * @public
 */
export interface TektonCondition {
  type?: string;
  /** `"True"`, `"False"` or `"Unknown"`. */
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
}

/**
 * A param or result: `value` is a string, an array of strings or an object of strings (and, in
 * loosely written data, sometimes a number).
 *
 * @public
 */
export interface TektonNamedValue {
  name?: string;
  value?: unknown;
  type?: string;
}

/**
 * State of one step container, as copied from the pod by Tekton.
 *
 * @public
 */
export interface TektonStepState {
  name?: string;
  container?: string;
  imageID?: string;
  /** Newer Tekton: `Completed`, `Continued`, `Error`, `TimeoutExceeded`, `Skipped`. */
  terminationReason?: string;
  terminated?: {
    exitCode?: number;
    reason?: string;
    message?: string;
    startedAt?: string | null;
    finishedAt?: string | null;
    containerID?: string;
  };
  running?: { startedAt?: string | null };
  waiting?: { reason?: string; message?: string };
}

/**
 * Status fields shared by every Tekton run kind (and by embedded child status summaries).
 *
 * @public
 */
export interface TektonRunStatusBase {
  conditions?: TektonCondition[] | null;
  startTime?: string | null;
  completionTime?: string | null;
}

/**
 * Status of a TaskRun, CustomRun or Run.
 *
 * @public
 */
export interface TektonTaskRunStatus extends TektonRunStatusBase {
  podName?: string;
  steps?: TektonStepState[] | null;
  /** v1 TaskRun, CustomRun and Run results. */
  results?: TektonNamedValue[] | null;
  /** v1beta1 TaskRun results (renamed `results` in v1). */
  taskResults?: TektonNamedValue[] | null;
  /** Earlier attempts; the current attempt is the top-level status. */
  retriesStatus?: TektonRunStatusBase[] | null;
}

/**
 * A TaskRun, or a custom task run (`CustomRun`, or the older `Run`), in any API version.
 *
 * @public
 */
export interface TektonTaskRun {
  apiVersion?: string;
  kind?: string;
  metadata?: TektonObjectMeta;
  spec?: {
    params?: TektonNamedValue[] | null;
    /** Cancellation request, e.g. `TaskRunCancelled`. */
    status?: string;
    retries?: number;
  };
  status?: TektonTaskRunStatus | null;
}

/**
 * One entry of a PipelineRun's `status.childReferences` (v1, and v1beta1 since Tekton 0.40).
 *
 * Some older test data embeds a minimal `status` (conditions only) in each reference.
 *
 * @public
 */
export interface TektonChildReference {
  apiVersion?: string;
  /** `TaskRun`, `Run`, `CustomRun` or `PipelineRun`. */
  kind?: string;
  name?: string;
  pipelineTaskName?: string;
  status?: TektonTaskRunStatus | null;
}

/**
 * One value of the old v1beta1 embedded `status.taskRuns` / `status.runs` maps, keyed by the
 * child's name.
 *
 * @public
 */
export interface TektonEmbeddedChildStatus {
  pipelineTaskName?: string;
  status?: TektonTaskRunStatus | null;
}

/**
 * The parts of a pipeline spec the mappers read: task names, to tell `finally` tasks apart.
 *
 * @public
 */
export interface TektonPipelineSpec {
  tasks?: Array<{ name?: string }> | null;
  finally?: Array<{ name?: string }> | null;
}

/**
 * Status of a PipelineRun.
 *
 * @public
 */
export interface TektonPipelineRunStatus extends TektonRunStatusBase {
  finallyStartTime?: string | null;
  /** v1 and newer v1beta1 child list. */
  childReferences?: TektonChildReference[] | null;
  /** Old v1beta1 embedded TaskRun statuses, keyed by TaskRun name. */
  taskRuns?: Record<string, TektonEmbeddedChildStatus> | null;
  /** Old v1beta1 embedded Run statuses, keyed by Run name. */
  runs?: Record<string, TektonEmbeddedChildStatus> | null;
  /** v1 results. */
  results?: TektonNamedValue[] | null;
  /** v1beta1 results (renamed `results` in v1). */
  pipelineResults?: TektonNamedValue[] | null;
  /** The resolved pipeline spec, copied here by the controller. */
  pipelineSpec?: TektonPipelineSpec | null;
}

/**
 * A PipelineRun in any API version (tekton.dev/v1, v1beta1, v1alpha1).
 *
 * @public
 */
export interface TektonPipelineRun {
  apiVersion?: string;
  kind?: string;
  metadata?: TektonObjectMeta;
  spec?: {
    params?: TektonNamedValue[] | null;
    pipelineRef?: { name?: string } | null;
    pipelineSpec?: TektonPipelineSpec | null;
    /** Cancellation or pending request: `Cancelled`, `CancelledRunFinally`, `PipelineRunPending`... */
    status?: string;
  };
  status?: TektonPipelineRunStatus | null;
}
