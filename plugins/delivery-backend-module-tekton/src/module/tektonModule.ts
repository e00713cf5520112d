import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  deliveryApprovalSourcesExtensionPoint,
  deliveryProvidersExtensionPoint,
} from '@slipway/plugin-delivery-node';
import { TektonApprovalSource } from '../approvals/TektonApprovalSource';
import { ClusterLeases } from '../lease/ClusterLeases';
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
        database: coreServices.database,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { providers, approvalSources, config, logger } = deps;
        const { scheduler, lifecycle, database } = deps;
        // each cluster's watches (runs, ApprovalTasks) run on one replica at a time, under a
        // lease in the delivery database (delivery.tekton.failoverTimeout); the lease table
        // exists once the delivery plugin migrated, before it connects providers and sources
        const leases = ClusterLeases.fromConfig(config, { database, logger });
        const provider = TektonPipelineProvider.fromConfig(config, {
          logger,
          scheduler,
          leases,
        });
        providers.addPipelineProvider(provider);
        // manual-approval-gate ApprovalTasks as approval requests (delivery.tekton.approvalTasks)
        const approvals = TektonApprovalSource.fromConfig(config, {
          logger,
          scheduler,
          leases,
        });
        if (approvals) {
          approvalSources.addApprovalSource(approvals);
        }
        // stops the watches, writes what they have pending, then releases the leases
        lifecycle.addShutdownHook(() => leases.stop());
      },
    });
  },
});
