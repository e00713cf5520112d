import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  deliveryApprovalDecidePermission,
  deliveryPermissions,
} from '@slipway/plugin-delivery-common';
import { EntityAccess } from './service/access/EntityAccess';
import { IdempotencyStore } from './service/idempotency/IdempotencyStore';
import { ServiceScopes } from './service/access/ServiceScopes';
import {
  deliveryApprovalSourcesExtensionPoint,
  deliveryFindingParsersExtensionPoint,
  deliveryProvidersExtensionPoint,
  FindingParser,
} from '@slipway/plugin-delivery-node';
import { builtinFindingParsers } from './findings/builtinParsers';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { DatabaseEventsStore } from './events/DatabaseEventsStore';
import { ScmChangeSubscriber } from './events/scm/ScmChangeSubscriber';
import { signedScmSources } from './events/scm/webhookSecrets';
import { DatabaseFindingsStore } from './findings/DatabaseFindingsStore';
import { readFindingsConfig } from './findings/findingsConfig';
import { readEntityMappingSchedule } from './config';
import { DatabaseDeliveryStore } from './database/DatabaseDeliveryStore';
import { DemoApprovalSource } from './demo/DemoApprovalSource';
import { DemoPipelineProvider } from './demo/DemoPipelineProvider';
import { scheduleDemoApprovals } from './demo/seedDemoApprovals';
import { seedDemoFindings } from './demo/seedDemoFindings';
import { readDemoDataConfig, seedDemoHistory } from './demo/seedDemoHistory';
import { EntityMappingTask } from './service/mapping/EntityMappingTask';
import { EntityRunMapper } from './service/mapping/EntityRunMapper';
import { MappingRunSink } from './service/mapping/MappingRunSink';
import { ProviderRegistry } from './service/ProviderRegistry';
import { readDoraOptions } from './service/routes/dora';
import { createRouter } from './service/router';
import {
  readCatalogTimeout,
  withCatalogTimeout,
} from './service/catalog/timedCatalog';
import { readPipelineTokenKey } from './service/routes/pipelineTokenKeys';
import { createApprovals } from './approvals/createApprovals';
import { ApprovalSourceRegistry } from './approvals/ApprovalSourceRegistry';
import { gateFor } from './service/routes/FindingRouteDeps';

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
    const approvalSources = new ApprovalSourceRegistry();
    env.registerExtensionPoint(
      deliveryApprovalSourcesExtensionPoint,
      approvalSources,
    );
    const addedParsers: FindingParser[] = [];
    env.registerExtensionPoint(deliveryFindingParsersExtensionPoint, {
      addFindingParser: (...parsers) => addedParsers.push(...parsers),
    });

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
        eventsService: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, database, logger } = deps;
        // every catalog call of this plugin is bounded (delivery.catalogTimeout)
        const catalog = withCatalogTimeout(
          deps.catalog,
          readCatalogTimeout(config),
        );
        const store = await DatabaseDeliveryStore.create({ database });
        // the decide permission is registered with its resource type (approvals); the others are
        // on the catalog's entity resource type, whose rules the catalog owns
        deps.permissionsRegistry.addPermissions(
          deliveryPermissions.filter(
            p => p.name !== deliveryApprovalDecidePermission.name,
          ),
        );
        const access = new EntityAccess({
          catalog,
          permissions: deps.permissions,
          scopes: ServiceScopes.fromConfig(config),
        });

        const demoData = readDemoDataConfig(config);
        const events = new DatabaseEventsStore(await database.getClient());
        await new ScmChangeSubscriber({
          events: deps.eventsService,
          store: events,
          catalog,
          auth: deps.auth,
          logger,
          signed: signedScmSources(config),
        }).subscribe();
        await seedDemoHistory({ config: demoData, store, events, logger });
        if (demoData.enabled) {
          const demo = new DemoPipelineProvider(demoData.runSeconds);
          providers.addPipelineProvider(demo);
          approvalSources.addApprovalSource(
            new DemoApprovalSource(deps.scheduler),
          );
          deps.lifecycle.addShutdownHook(() => demo.stop());
        }

        const mapper = new EntityRunMapper(catalog, deps.auth, logger);
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

        const findings = await DatabaseFindingsStore.create({ database });
        const findingsConfig = readFindingsConfig(config);
        await seedDemoFindings({ config: demoData, findings });
        const findingDeps = {
          findings,
          findingsConfig,
          catalog,
          auth: deps.auth,
        };
        const { connectSources, ...approvals } = await createApprovals({
          ...deps,
          catalog,
          knex: await database.getClient(),
          store,
          securityGate: entityRef =>
            gateFor(findingDeps, entityRef, new Date()),
          sources: approvalSources,
          entityOf: object => mapper.resolve(object),
          providerFor: name => providers.get(name),
        });
        await connectSources();
        if (demoData.enabled) {
          await scheduleDemoApprovals(deps.scheduler, logger, {
            ...approvals,
            store,
          });
        }
        // Every route identifies its caller itself (401 without credentials), so that refusals
        // of actions reach the auditor instead of stopping at the router's credentials barrier.
        deps.httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        deps.httpRouter.use(
          await createRouter({
            ...approvals,
            store,
            ...findingDeps,
            events,
            doraOptions: readDoraOptions(config),
            pipelineTokenKey: readPipelineTokenKey(config),
            parsers: () => [...addedParsers, ...builtinFindingParsers],
            providerFor: name => providers.get(name),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            access,
            idempotency: new IdempotencyStore(await database.getClient()),
            auditor: deps.auditor,
            logger,
          }),
        );
      },
    });
  },
});
