/**
 * One declared param of a pipeline, as the provider's pipeline definition states it (Tekton:
 * `Pipeline.spec.params[]`; GitHub Actions: `on.workflow_dispatch.inputs`).
 *
 * @public
 */
export interface PipelineParamSpec {
  name: string;
  /** Tekton's param types; GitHub inputs are all `string`. */
  type: 'string' | 'array' | 'object';
  description?: string;
  /** The default value; absent when the param is required. */
  default?: string | string[] | Record<string, string>;
  /** The values allowed, when the definition restricts them (Tekton `enum`, GitHub `choice`). */
  options?: string[];
}

/**
 * A pipeline an entity has run before, which the CI/CD tab offers to start.
 *
 * @public
 */
export interface PipelineSummary {
  provider: string;
  pipelineName: string;
  /** The newest run of the pipeline for the entity: a new run starts where it ran. */
  latestRunUid: string;
  latestRunAt: string;
  /** Whether the provider can start runs of it. */
  canStart: boolean;
}

/**
 * Answer of `GET /entities/:kind/:namespace/:name/pipelines`.
 *
 * @public
 */
export interface PipelineSummaryList {
  items: PipelineSummary[];
}

/**
 * The definition of a pipeline, read live from its provider: what a start form asks for.
 *
 * @public
 */
export interface PipelineDefinition {
  provider: string;
  pipelineName: string;
  description?: string;
  params: PipelineParamSpec[];
  /** The run whose place (cluster, namespace, workspaces, branch) a new run takes. */
  basedOnRunUid: string;
}

/**
 * Body of `POST /entities/:kind/:namespace/:name/runs`. Params left out take their defaults;
 * a retried request with the same `Idempotency-Key` header starts nothing new.
 *
 * @public
 */
export interface StartRunRequest {
  provider: string;
  pipelineName: string;
  params?: Record<string, string | string[]>;
}

/**
 * A run a user or an approved promotion started.
 *
 * @public
 */
export interface StartedRun {
  provider: string;
  /** The run's name in the provider (PipelineRun name, or the workflow's name for GitHub). */
  name: string;
  /** The run's uid, once the provider knows it (GitHub reports a dispatched run later). */
  uid?: string;
  /** Link to the run in the provider's own UI, when it has one. */
  url?: string;
}
