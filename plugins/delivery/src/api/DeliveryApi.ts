import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  PipelineRunPage,
  PipelineRunWithTasks,
  RunStatus,
} from '@slipway/plugin-delivery-common';

/**
 * Query for one page of an entity's runs.
 *
 * @public
 */
export interface ListRunsRequest {
  entity: CompoundEntityRef;
  limit?: number;
  cursor?: string;
  status?: RunStatus[];
  pipeline?: string;
  branch?: string;
}

/**
 * Client of the Slipway delivery backend (`/api/delivery`).
 *
 * @public
 */
export interface DeliveryApi {
  listRuns(request: ListRunsRequest): Promise<PipelineRunPage>;
  getRun(uid: string): Promise<PipelineRunWithTasks>;
}

/**
 * API ref of the {@link DeliveryApi}.
 *
 * @public
 */
export const deliveryApiRef = createApiRef<DeliveryApi>({
  id: 'plugin.delivery.service',
});
