/**
 * Slipway delivery frontend plugin: pipeline runs on the entity page.
 *
 * @packageDocumentation
 */
export {
  deliveryPlugin,
  EntityDeliveryContent,
  EntityLatestRunsCard,
} from './plugin';
export { isDeliveryAvailable } from './isDeliveryAvailable';
export { deliveryApiRef, DeliveryClient } from './api';
export type { DeliveryApi, ListRunsRequest, TaskLogsResponse } from './api';
