export { deliveryApiRef } from './DeliveryApi';
export type {
  DeliveryApi,
  DoraRequest,
  ListFindingsRequest,
  ListRunsRequest,
  TaskLogsResponse,
} from './DeliveryApi';
export { DeliveryClient } from './DeliveryClient';
