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
}

/**
 * Persistence of the delivery backend. Page reads cost O(page), never O(history).
 */
export interface DeliveryStore extends PipelineRunSink {
  listRuns(query: ListRunsQuery): Promise<PipelineRunPage>;
  getRun(uid: string): Promise<PipelineRunWithTasks | undefined>;
}
