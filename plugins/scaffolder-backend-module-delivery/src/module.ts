import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createBuildAnnotationsAction } from './actions/buildAnnotations';

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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createBuildAnnotationsAction());
      },
    });
  },
});
