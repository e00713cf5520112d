/**
 * Slipway delivery frontend plugin: pipeline runs on the entity page.
 *
 * @packageDocumentation
 */
export {
  deliveryPlugin,
  EntityDeliveryContent,
  EntityLatestRunsCard,
  EntitySecurityContent,
  EntitySecuritySummaryCard,
  EntityGroupSecurityContent,
  SecurityPosturePage,
  EntityDoraContent,
  EntityDoraCard,
  DoraTeamsPage,
  EntityGroupDoraContent,
  EntityEnvironmentsContent,
  MyApprovalsPage,
} from './plugin';
export { isDeliveryAvailable } from './isDeliveryAvailable';
export { EntityPipelinesContent } from './components/EntityPipelinesContent';
export { RunDetailsDrawer } from './components/RunDetails';
export type { RunDetailsDrawerProps } from './components/RunDetails';
export { deliveryApiRef, DeliveryClient } from './api';
export type {
  DeliveryApi,
  DoraRequest,
  ListApprovalsRequest,
  ListFindingsRequest,
  ListRunsRequest,
  RollbackStartedRun,
  TaskLogsResponse,
} from './api';
