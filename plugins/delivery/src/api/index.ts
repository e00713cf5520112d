export { deliveryApiRef } from './DeliveryApi';
export type { DeliveryApi, ListRunsRequest } from './DeliveryApi';
export { DeliveryClient } from './DeliveryClient';
