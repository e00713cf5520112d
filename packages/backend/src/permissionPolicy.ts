import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * The portal's permission policy: allow everything.
 *
 * This is the place to write your own rules. Slipway's permissions are listed in
 * `@slipway/plugin-delivery-common` (`deliveryPermissions`), e.g. to let only release managers
 * decide approvals:
 *
 * ```ts
 * if (request.permission.name === 'delivery.approval.decide') {
 *   return user?.info.ownershipEntityRefs.includes('group:default/release-managers')
 *     ? { result: AuthorizeResult.ALLOW }
 *     : { result: AuthorizeResult.DENY };
 * }
 * ```
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  async handle(
    _request: PolicyQuery,
    _user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PortalPermissionPolicy());
      },
    });
  },
});
