import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { deliveryProvidersExtensionPoint } from '@slipway/plugin-delivery-node';
import { TektonPipelineProvider } from '../provider/TektonPipelineProvider';

/**
 * Adds the Tekton pipeline provider to the Slipway delivery backend.
 *
 * @public
 */
export const deliveryModuleTekton = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'tekton',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: deliveryProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({ providers, config, logger, scheduler, lifecycle }) {
        const provider = TektonPipelineProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        providers.addPipelineProvider(provider);
        lifecycle.addShutdownHook(() => provider.stop());
      },
    });
  },
});
