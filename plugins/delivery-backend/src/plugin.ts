import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { deliveryPermissions } from '@slipway/plugin-delivery-common';
import { deliveryProvidersExtensionPoint } from '@slipway/plugin-delivery-node';
import { readEntityMappingSchedule } from './config';
import { DatabaseDeliveryStore } from './database/DatabaseDeliveryStore';
import { DemoPipelineProvider } from './demo/DemoPipelineProvider';
import { readDemoDataConfig, seedDemoHistory } from './demo/seedDemoHistory';
import { EntityMappingTask } from './service/mapping/EntityMappingTask';
import { EntityRunMapper } from './service/mapping/EntityRunMapper';
import { MappingRunSink } from './service/mapping/MappingRunSink';
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
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, database, logger } = deps;
        const store = await DatabaseDeliveryStore.create({ database });
        deps.permissionsRegistry.addPermissions(deliveryPermissions);

        const demoData = readDemoDataConfig(config);
        await seedDemoHistory({ config: demoData, store, logger });
        if (demoData.enabled) {
          const demo = new DemoPipelineProvider();
          providers.addPipelineProvider(demo);
          deps.lifecycle.addShutdownHook(() => demo.stop());
        }

        const mapper = new EntityRunMapper(deps.catalog, deps.auth, logger);
        await new EntityMappingTask(mapper, store, logger).schedule(
          deps.scheduler,
          readEntityMappingSchedule(config),
        );

        const sink = new MappingRunSink(store, mapper);
        for (const provider of providers.list()) {
          logger.info(
            `Connecting pipeline provider '${provider.getProviderName()}'`,
          );
          await provider.connect(sink);
        }

        deps.httpRouter.use(
          await createRouter({
            store,
            providerFor: name => providers.get(name),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
          }),
        );
      },
    });
  },
});
