export { deliveryApiRef } from './DeliveryApi';
export type {
  DeliveryApi,
  ListRunsRequest,
  TaskLogsResponse,
} from './DeliveryApi';
export { DeliveryClient } from './DeliveryClient';
