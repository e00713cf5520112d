import {
  PipelineRunPage,
  PipelineRunWithTasks,
  RunStatus,
} from '@slipway/plugin-delivery-common';
import { PipelineRunSink } from '@slipway/plugin-delivery-node';

/**
 * Filters and paging for one page of an entity's runs.
 */
export interface ListRunsQuery {
  /** Lower-case entity ref, e.g. `component:default/payments-api`. */
  entityRef: string;
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  status?: RunStatus[];
  pipeline?: string;
  branch?: string;
  /** Only runs of this provider, e.g. `tekton` or `github-actions`. */
  provider?: string;
  /** Only runs started (or created) at or after this time. */
  since?: Date;
  /** By start time: `desc` (newest first, the default) or `asc`. */
  order?: 'asc' | 'desc';
}

/** The facts of one finished run that pipeline statistics are computed from. */
export interface RunFact {
  pipelineName: string;
  /** Start time (creation time when not started). */
  startedAt: Date;
  status: RunStatus;
  reason?: string;
  durationSeconds?: number;
  /** `task: reason` of the first failed task, for failed runs. */
  failedTask?: string;
}

/**
 * Persistence of the delivery backend. Page reads cost O(page), never O(history).
 */
export interface DeliveryStore extends PipelineRunSink {
  listRuns(query: ListRunsQuery): Promise<PipelineRunPage>;
  getRun(uid: string): Promise<PipelineRunWithTasks | undefined>;
  /**
   * The pipelines among an entity's newest `scan` runs, each with its newest run, newest first.
   */
  listPipelines(
    entityRef: string,
    scan: number,
  ): Promise<
    Array<{
      provider: string;
      pipelineName: string;
      latestRunUid: string;
      latestRunAt: Date;
    }>
  >;
  /** Facts of an entity's runs that started in `[from, to)`. */
  listRunFacts(entityRef: string, from: Date, to: Date): Promise<RunFact[]>;
  /**
   * Attaches runs to entities by their kubernetes-id label: every run whose label is a key of the
   * map gets that entity ref. Returns how many runs changed.
   */
  assignEntitiesByKubernetesId(
    mapping: ReadonlyMap<string, string>,
  ): Promise<number>;
  /** A batch of runs attached to no entity, after `afterUid`, for label-selector matching. */
  listUnassignedRuns(
    afterUid: string | undefined,
    limit: number,
  ): Promise<
    Array<{ uid: string; namespace?: string; labels?: Record<string, string> }>
  >;
  /** Attaches these runs to an entity. */
  assignEntity(uids: string[], entityRef: string): Promise<void>;
}
