import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { deliveryApiRef, DeliveryClient } from './api';
import { rootRouteRef, securityRouteRef } from './routes';

/**
 * The Slipway delivery frontend plugin (legacy frontend system).
 *
 * @public
 */
export const deliveryPlugin = createPlugin({
  id: 'delivery',
  apis: [
    createApiFactory({
      api: deliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeliveryClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, security: securityRouteRef },
});

/**
 * The CI/CD entity tab: the entity's pipeline runs, paged from the backend.
 *
 * @public
 */
export const EntityDeliveryContent = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntityDeliveryContent',
    component: () =>
      import('./components/EntityPipelinesContent').then(
        m => m.EntityPipelinesContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Overview card with the entity's latest pipeline runs.
 *
 * @public
 */
export const EntityLatestRunsCard = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityLatestRunsCard',
    component: {
      lazy: () =>
        import('./components/EntityLatestRunsCard').then(
          m => m.EntityLatestRunsCard,
        ),
    },
  }),
);

/**
 * The Security entity tab: security gate, findings with their lifecycle, suppression.
 *
 * @public
 */
export const EntitySecurityContent = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntitySecurityContent',
    component: () =>
      import('./components/Security').then(m => m.EntitySecurityContent),
    mountPoint: securityRouteRef,
  }),
);

/**
 * Overview card with the security gate and open findings by severity.
 *
 * @public
 */
export const EntitySecuritySummaryCard = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntitySecuritySummaryCard',
    component: {
      lazy: () =>
        import('./components/Security').then(m => m.EntitySecuritySummaryCard),
    },
  }),
);
