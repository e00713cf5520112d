import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DeliveryPortalPolicy } from './DeliveryPortalPolicy';
import { GroupAncestry } from './GroupAncestry';

/**
 * Installs {@link DeliveryPortalPolicy} as the portal's permission policy.
 *
 * @public
 */
export const permissionModuleDeliveryPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'delivery-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, catalog, auth }) {
        policy.setPolicy(
          new DeliveryPortalPolicy(new GroupAncestry({ catalog, auth })),
        );
      },
    });
  },
});
