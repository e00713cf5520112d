export { deliveryApiRef } from './DeliveryApi';
export type {
  DeliveryApi,
  ListFindingsRequest,
  ListRunsRequest,
  TaskLogsResponse,
} from './DeliveryApi';
export { DeliveryClient } from './DeliveryClient';
