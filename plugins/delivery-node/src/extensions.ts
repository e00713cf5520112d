import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PipelineProvider } from './providers';

/**
 * The extension point through which backend modules add pipeline providers to the delivery
 * backend.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'delivery',
 *   moduleId: 'my-ci',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { providers: deliveryProvidersExtensionPoint },
 *       async init({ providers }) {
 *         providers.addPipelineProvider(new MyCiProvider());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export interface DeliveryProvidersExtensionPoint {
  /**
   * Add one or more pipeline providers. Provider names must be unique across all modules;
   * adding a second provider with a name already taken throws at start-up.
   */
  addPipelineProvider(
    ...providers: Array<PipelineProvider | Array<PipelineProvider>>
  ): void;
}

/**
 * Extension point id `delivery.providers`.
 *
 * @public
 */
export const deliveryProvidersExtensionPoint =
  createExtensionPoint<DeliveryProvidersExtensionPoint>({
    id: 'delivery.providers',
  });
