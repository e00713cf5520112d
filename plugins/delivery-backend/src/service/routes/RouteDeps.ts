import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { PipelineProvider } from '@slipway/plugin-delivery-node';
import { DeliveryStore } from '../../database/DeliveryStore';
import { EntityAccess } from '../access/EntityAccess';
import { IdempotencyStore } from '../idempotency/IdempotencyStore';

/** What every route module gets. */
export interface RouteDeps {
  store: DeliveryStore;
  /** Provider by name, for live logs and run actions. */
  providerFor(name: string): PipelineProvider | undefined;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Catalog visibility, entity-scoped permissions and service scopes. */
  access: EntityAccess;
  /** Answers of actions by Idempotency-Key, so a retry does not act twice. */
  idempotency: IdempotencyStore;
  logger: LoggerService;
}
