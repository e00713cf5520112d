export { deliveryApiRef } from './DeliveryApi';
export type {
  DeliveryApi,
  DoraRequest,
  ListApprovalsRequest,
  ListFindingsRequest,
  ListRunsRequest,
  RollbackStartedRun,
  TaskLogsResponse,
} from './DeliveryApi';
export { DeliveryClient } from './DeliveryClient';
