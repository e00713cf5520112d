import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { deliveryProvidersExtensionPoint } from '@slipway/plugin-delivery-node';
import { GithubActionsProvider } from '../provider/GithubActionsProvider';

/**
 * Adds the GitHub Actions pipeline provider to the Slipway delivery backend.
 *
 * @public
 */
export const deliveryModuleGithubActions = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'github-actions',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: deliveryProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ providers, config, ...deps }) {
        providers.addPipelineProvider(
          GithubActionsProvider.fromConfig(config, deps),
        );
      },
    });
  },
});
