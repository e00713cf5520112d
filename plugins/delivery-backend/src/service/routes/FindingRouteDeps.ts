import { AuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SecurityGateVerdict } from '@slipway/plugin-delivery-common';
import { FindingParser } from '@slipway/plugin-delivery-node';
import { evaluateGate } from '../../findings/evaluateGate';
import {
  entityGatePolicy,
  FindingsConfig,
  GatePolicy,
} from '../../findings/findingsConfig';
import { FindingsStore } from '../../findings/FindingsStore';
import { RouteDeps } from './RouteDeps';

/** How many tools' newest closing scans a verdict lists. */
const GATE_SCANS = 10;

/** What the findings routes need besides the common route dependencies. */
export interface FindingRouteDeps extends RouteDeps {
  findings: FindingsStore;
  findingsConfig: FindingsConfig;
  /** Parsers in detection order: those modules added first, then the built-in ones. */
  parsers: () => FindingParser[];
  catalog: CatalogService;
  auth: AuthService;
}

/** What the gate needs: the findings, their config and the catalog. */
export type GateDeps = Pick<
  FindingRouteDeps,
  'findings' | 'findingsConfig' | 'catalog' | 'auth'
>;

/**
 * The gate policy of an entity: the configured policy tightened by the entity's annotations.
 * 404 for an entity the catalog does not know.
 */
export async function gatePolicyFor(
  deps: GateDeps,
  entityRef: string,
): Promise<GatePolicy> {
  const entity = await deps.catalog.getEntityByRef(entityRef, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  return entityGatePolicy(
    deps.findingsConfig.gate,
    entity.metadata.annotations,
  );
}

/** The gate verdict for an entity under a policy, from its open and overdue findings. */
export async function verdictFor(
  deps: GateDeps,
  entityRef: string,
  policy: GatePolicy,
  now: Date,
): Promise<SecurityGateVerdict> {
  const [counts, scans] = await Promise.all([
    deps.findings.gateCounts(entityRef, now, deps.findingsConfig.slaDays),
    deps.findings.gateScans(entityRef, GATE_SCANS),
  ]);
  return { ...evaluateGate(counts, policy), scans };
}

/** The gate verdict for an entity (policy and verdict in one). */
export async function gateFor(
  deps: GateDeps,
  entityRef: string,
  now: Date,
): Promise<SecurityGateVerdict> {
  return verdictFor(deps, entityRef, await gatePolicyFor(deps, entityRef), now);
}
