import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/*
 * Every Slipway permission but `delivery.approval.decide` is a resource permission on the
 * catalog entity the data belongs to (resource ref: the entity ref), so a policy can use the
 * catalog's own conditions (`isEntityOwner`, `hasAnnotation`, ...) unchanged. The backend reads
 * the entity with the caller's credentials before it asks: an entity the caller cannot see is a
 * 404 whatever the policy says.
 */
const entityPermission = (name: string, action: 'read' | 'create' | 'update') =>
  createPermission({
    name,
    attributes: { action },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });

/**
 * Read an entity's pipeline runs: list, one run with its tasks, step logs, pipeline statistics.
 *
 * @public
 */
export const deliveryRunReadPermission = entityPermission(
  'delivery.run.read',
  'read',
);

/**
 * Rerun, cancel or start a pipeline run of an entity.
 *
 * @public
 */
export const deliveryRunExecutePermission = entityPermission(
  'delivery.run.execute',
  'update',
);

/**
 * Read an entity's security findings: list, one finding, trend, security gate.
 *
 * @public
 */
export const deliveryFindingReadPermission = entityPermission(
  'delivery.finding.read',
  'read',
);

/**
 * Upload a scanner report for an entity.
 *
 * @public
 */
export const deliveryFindingCreatePermission = entityPermission(
  'delivery.finding.create',
  'create',
);

/**
 * Suppress (accept the risk of, or dismiss) a security finding of an entity, or lift a
 * suppression.
 *
 * @public
 */
export const deliveryFindingSuppressPermission = entityPermission(
  'delivery.finding.suppress',
  'update',
);

/**
 * Read an entity's DORA metrics and the records behind them; roll-ups pool only entities the
 * caller may read this way.
 *
 * @public
 */
export const deliveryDoraReadPermission = entityPermission(
  'delivery.dora.read',
  'read',
);

/**
 * Write deployments, changes and incidents of an entity through the generic events API (checked
 * for every entity a batch names).
 *
 * @public
 */
export const deliveryEventCreatePermission = entityPermission(
  'delivery.event.create',
  'create',
);

/**
 * Read an entity's deployment approval requests.
 *
 * @public
 */
export const deliveryApprovalReadPermission = entityPermission(
  'delivery.approval.read',
  'read',
);

/**
 * Request a deployment approval (promote) for an entity, or cancel such a request.
 *
 * @public
 */
export const deliveryApprovalCreatePermission = entityPermission(
  'delivery.approval.create',
  'create',
);

/**
 * Read an entity's environments: lanes, deployed versions, approval policies.
 *
 * @public
 */
export const deliveryEnvironmentReadPermission = entityPermission(
  'delivery.environment.read',
  'read',
);

/**
 * Deploy to an entity's environment outside a pipeline: roll back to an earlier version.
 *
 * @public
 */
export const deliveryEnvironmentDeployPermission = entityPermission(
  'delivery.environment.deploy',
  'update',
);

/**
 * The permission resource type of deployment approval requests; the resource ref is the
 * request id.
 *
 * @public
 */
export const RESOURCE_TYPE_DELIVERY_APPROVAL = 'delivery-approval';

/**
 * Approve or reject a deployment approval request. A resource permission on the request, so a
 * policy can decide by environment tier or entity (conditions `isApprovalForTier`,
 * `isApprovalForEntity`). Catalog eligibility is checked on top of it.
 *
 * @public
 */
export const deliveryApprovalDecidePermission = createPermission({
  name: 'delivery.approval.decide',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_DELIVERY_APPROVAL,
});

/**
 * The permissions that read an entity's data: a default policy lets everyone who sees the
 * entity in the catalog have them.
 *
 * @public
 */
export const deliveryReadPermissions = [
  deliveryRunReadPermission,
  deliveryFindingReadPermission,
  deliveryDoraReadPermission,
  deliveryApprovalReadPermission,
  deliveryEnvironmentReadPermission,
];

/**
 * The permissions that act on an entity: a default policy gives them to its owners.
 *
 * @public
 */
export const deliveryEntityActionPermissions = [
  deliveryRunExecutePermission,
  deliveryFindingCreatePermission,
  deliveryFindingSuppressPermission,
  deliveryEventCreatePermission,
  deliveryApprovalCreatePermission,
  deliveryEnvironmentDeployPermission,
];

/**
 * Every permission of the delivery plugin, for registration and for policy authors.
 *
 * @public
 */
export const deliveryPermissions = [
  ...deliveryReadPermissions,
  ...deliveryEntityActionPermissions,
  deliveryApprovalDecidePermission,
];
