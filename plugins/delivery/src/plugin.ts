import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { deliveryApiRef, DeliveryClient } from './api';
import {
  approvalsRouteRef,
  environmentsRouteRef,
  doraRouteRef,
  doraTeamsRouteRef,
  rootRouteRef,
  securityPostureRouteRef,
  securityRouteRef,
} from './routes';

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
  routes: {
    root: rootRouteRef,
    security: securityRouteRef,
    securityPosture: securityPostureRouteRef,
    dora: doraRouteRef,
    doraTeams: doraTeamsRouteRef,
    environments: environmentsRouteRef,
    approvals: approvalsRouteRef,
  },
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

/**
 * Page: security posture of every team (open findings by severity, overdue, secrets).
 *
 * @public
 */
export const SecurityPosturePage = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'SecurityPosturePage',
    component: () =>
      import('./components/SecurityPosture').then(m => m.SecurityPosturePage),
    mountPoint: securityPostureRouteRef,
  }),
);

/**
 * Content for a group's entity page: the security posture of that team.
 *
 * @public
 */
export const EntityGroupSecurityContent = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupSecurityContent',
    component: {
      lazy: () =>
        import('./components/SecurityPosture').then(
          m => m.SecurityPostureContent,
        ),
    },
  }),
);

/**
 * The DORA entity tab: metrics with bands, weekly trends and the records behind them.
 *
 * @public
 */
export const EntityDoraContent = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntityDoraContent',
    component: () => import('./components/Dora').then(m => m.EntityDoraContent),
    mountPoint: doraRouteRef,
  }),
);

/**
 * Overview card with the five DORA numbers, their bands and sparklines.
 *
 * @public
 */
export const EntityDoraCard = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () => import('./components/Dora').then(m => m.EntityDoraCard),
    },
  }),
);

/**
 * Page: DORA metrics of every team, pooled over each team's components.
 *
 * @public
 */
export const DoraTeamsPage = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'DoraTeamsPage',
    component: () => import('./components/Dora').then(m => m.DoraTeamsPage),
    mountPoint: doraTeamsRouteRef,
  }),
);

/**
 * Content for a group's entity page: the team's pooled DORA metrics.
 *
 * @public
 */
export const EntityGroupDoraContent = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupDoraContent',
    component: {
      lazy: () => import('./components/Dora').then(m => m.DoraTeamContent),
    },
  }),
);

/**
 * The Environments entity tab: lanes dev → staging → production with what runs there, the
 * approval policy, pending promotions to approve or reject, Promote and Roll back.
 *
 * @public
 */
export const EntityEnvironmentsContent = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntityEnvironmentsContent',
    component: () =>
      import('./components/Environments').then(
        m => m.EntityEnvironmentsContent,
      ),
    mountPoint: environmentsRouteRef,
  }),
);

/**
 * Page: "My approvals", the promotions waiting for the signed-in user's decision.
 *
 * @public
 */
export const MyApprovalsPage = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'MyApprovalsPage',
    component: () =>
      import('./components/Environments').then(m => m.MyApprovalsPage),
    mountPoint: approvalsRouteRef,
  }),
);
