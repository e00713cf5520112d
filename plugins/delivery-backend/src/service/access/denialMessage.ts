import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { ResourcePermission } from '@backstage/plugin-permission-common';

/** What each permission lets a caller do, as a refusal names it. */
const WHAT: Record<string, string> = {
  'delivery.run.read': 'read the pipeline runs of',
  'delivery.run.execute': 'rerun, cancel or start the pipeline runs of',
  'delivery.finding.read': 'read the security findings of',
  'delivery.finding.create': 'upload scan reports for',
  'delivery.finding.suppress': 'suppress the security findings of',
  'delivery.dora.read': 'read the DORA metrics of',
  'delivery.event.create': 'write deployments, changes or incidents of',
  'delivery.approval.read': 'read the approval requests of',
  'delivery.approval.create': 'request or cancel promotions of',
  'delivery.environment.read': 'read the environments of',
  'delivery.environment.deploy': 'roll back or deploy',
};

/** The entity's owners as refs, e.g. `group:default/payments-team`. */
export function ownersOf(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
}

/**
 * The message of a 403: what was refused, on which entity, who owns it, and which permission
 * the policy denied — e.g. "Only the owners of component:default/payments-api
 * (group:default/payments-team) may rerun, cancel or start the pipeline runs of it".
 */
export function denialMessage(
  permission: ResourcePermission,
  entityRef: string,
  entity?: Entity,
): string {
  const what = WHAT[permission.name] ?? `use ${permission.name} on`;
  const owners = entity ? ownersOf(entity) : [];
  const ownedBy = owners.length ? ` (owned by ${owners.join(', ')})` : '';
  const read = permission.attributes.action === 'read';
  return read
    ? `You may not ${what} ${entityRef}${ownedBy}: the permission policy denies ${permission.name}`
    : `Only the owners of ${entityRef}${ownedBy} may ${what} it: the permission policy denies you ${permission.name}`;
}
