import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read pipeline runs, their tasks and logs.
 *
 * @public
 */
export const deliveryRunReadPermission = createPermission({
  name: 'delivery.run.read',
  attributes: { action: 'read' },
});

/**
 * Rerun or cancel a pipeline run.
 *
 * @public
 */
export const deliveryRunExecutePermission = createPermission({
  name: 'delivery.run.execute',
  attributes: { action: 'update' },
});

/**
 * Upload a scanner report for an entity.
 *
 * @public
 */
export const deliveryFindingCreatePermission = createPermission({
  name: 'delivery.finding.create',
  attributes: { action: 'create' },
});

/**
 * Suppress (accept the risk of, or dismiss) a security finding.
 *
 * @public
 */
export const deliveryFindingSuppressPermission = createPermission({
  name: 'delivery.finding.suppress',
  attributes: { action: 'update' },
});

/**
 * Ingest deployments, changes and incidents through the generic events API.
 *
 * @public
 */
export const deliveryEventCreatePermission = createPermission({
  name: 'delivery.event.create',
  attributes: { action: 'create' },
});

/**
 * Request a deployment approval.
 *
 * @public
 */
export const deliveryApprovalCreatePermission = createPermission({
  name: 'delivery.approval.create',
  attributes: { action: 'create' },
});

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
 * Every permission of the delivery plugin, for registration and for policy authors.
 *
 * @public
 */
export const deliveryPermissions = [
  deliveryRunReadPermission,
  deliveryRunExecutePermission,
  deliveryFindingCreatePermission,
  deliveryFindingSuppressPermission,
  deliveryEventCreatePermission,
  deliveryApprovalCreatePermission,
  deliveryApprovalDecidePermission,
];
