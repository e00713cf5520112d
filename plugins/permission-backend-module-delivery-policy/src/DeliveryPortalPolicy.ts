import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { deliveryEntityActionPermissions } from '@slipway/plugin-delivery-common';
import { GroupAncestry } from './GroupAncestry';

const ACTIONS = new Set(deliveryEntityActionPermissions.map(p => p.name));

/**
 * A default policy for a portal with Slipway:
 * - everyone reads what the catalog shows them (Slipway's read permissions are allowed; the
 *   backend reads each entity with the caller's credentials, so the catalog's own visibility
 *   rules decide);
 * - Slipway's actions on an entity (rerun, cancel, suppress, upload, events, promote, roll back)
 *   need ownership of it: the user, one of the user's groups, or a group above one of them;
 * - approval decisions are left to the catalog eligibility Slipway checks itself;
 * - everything else is allowed, as Backstage's default allow-all policy does.
 *
 * @public
 */
export class DeliveryPortalPolicy implements PermissionPolicy {
  constructor(private readonly groups: GroupAncestry) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      ACTIONS.has(permission.name) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      const claims = await this.groups.withAncestors(
        user?.info.ownershipEntityRefs ?? [],
      );
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
