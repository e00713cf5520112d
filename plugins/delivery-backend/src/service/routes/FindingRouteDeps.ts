import { AuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SecurityGateVerdict } from '@slipway/plugin-delivery-common';
import { FindingParser } from '@slipway/plugin-delivery-node';
import { evaluateGate } from '../../findings/evaluateGate';
import {
  entityGatePolicy,
  FindingsConfig,
} from '../../findings/findingsConfig';
import { FindingsStore } from '../../findings/FindingsStore';
import { RouteDeps } from './RouteDeps';

/** What the findings routes need besides the common route dependencies. */
export interface FindingRouteDeps extends RouteDeps {
  findings: FindingsStore;
  findingsConfig: FindingsConfig;
  /** Parsers in detection order: those modules added first, then the built-in ones. */
  parsers: () => FindingParser[];
  catalog: CatalogService;
  auth: AuthService;
}

/**
 * The gate verdict for an entity: the configured policy tightened by the entity's annotations,
 * applied to its open and overdue findings. 404 for an entity the catalog does not know.
 */
export async function gateFor(
  deps: FindingRouteDeps,
  entityRef: string,
  now: Date,
): Promise<SecurityGateVerdict> {
  const entity = await deps.catalog.getEntityByRef(entityRef, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  const policy = entityGatePolicy(
    deps.findingsConfig.gate,
    entity.metadata.annotations,
  );
  const counts = await deps.findings.gateCounts(
    entityRef,
    now,
    deps.findingsConfig.slaDays,
  );
  return evaluateGate(counts, policy);
}
