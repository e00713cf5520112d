import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createBuildAnnotationsAction } from './actions/buildAnnotations';
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
        );
      },
    });
  },
});
