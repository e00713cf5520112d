import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { deliveryPermissions } from '@slipway/plugin-delivery-common';
import { deliveryProvidersExtensionPoint } from '@slipway/plugin-delivery-node';
import { DatabaseDeliveryStore } from './database/DatabaseDeliveryStore';
import { readDemoDataConfig, seedDemoHistory } from './demo/seedDemoHistory';
import { ProviderRegistry } from './service/ProviderRegistry';
import { createRouter } from './service/router';

/**
 * The Slipway delivery backend plugin: runs store, REST API under /api/delivery.
 *
 * @public
 */
export const deliveryPlugin = createBackendPlugin({
  pluginId: 'delivery',
  register(env) {
    const providers = new ProviderRegistry();
    env.registerExtensionPoint(deliveryProvidersExtensionPoint, providers);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
      },
      async init({
        config,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        logger,
      }) {
        const store = await DatabaseDeliveryStore.create({ database });
        permissionsRegistry.addPermissions(deliveryPermissions);

        await seedDemoHistory({
          config: readDemoDataConfig(config),
          store,
          logger,
        });

        for (const provider of providers.list()) {
          logger.info(
            `Connecting pipeline provider '${provider.getProviderName()}'`,
          );
          await provider.connect(store);
        }

        httpRouter.use(
          await createRouter({ store, httpAuth, permissions, logger }),
        );
      },
    });
  },
});
