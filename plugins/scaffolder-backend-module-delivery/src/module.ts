import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createApplyTektonAction } from './actions/applyTekton';
import { createBuildAnnotationsAction } from './actions/buildAnnotations';
import { createEnvironmentsAction } from './actions/createEnvironments';
import { createGenerateTektonAction } from './actions/generateTekton';

/**
 * Scaffolder actions of Slipway delivery.
 *
 * @public
 */
export const scaffolderModuleDelivery = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'delivery',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createBuildAnnotationsAction(),
          createGenerateTektonAction({ config }),
          createEnvironmentsAction({ config }),
          createApplyTektonAction({ config }),
        );
      },
    });
  },
});
