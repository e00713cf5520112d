import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  deliveryApprovalSourcesExtensionPoint,
  deliveryProvidersExtensionPoint,
} from '@slipway/plugin-delivery-node';
import { TektonApprovalSource } from '../approvals/TektonApprovalSource';
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
        approvalSources: deliveryApprovalSourcesExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { providers, approvalSources, config, logger } = deps;
        const { scheduler, lifecycle } = deps;
        const provider = TektonPipelineProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        providers.addPipelineProvider(provider);
        lifecycle.addShutdownHook(() => provider.stop());
        // manual-approval-gate ApprovalTasks as approval requests (delivery.tekton.approvalTasks)
        const approvals = TektonApprovalSource.fromConfig(config, {
          logger,
          scheduler,
        });
        if (approvals) {
          approvalSources.addApprovalSource(approvals);
          lifecycle.addShutdownHook(() => approvals.stop());
        }
      },
    });
  },
});
