import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { deliveryApiRef, DeliveryClient } from './api';
import { rootRouteRef, securityRouteRef } from './routes';

const deliveryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeliveryClient(deps),
    }),
});

/** The CI/CD tab on every component page; its empty state says which annotation to add. */
const entityDeliveryContent = EntityContentBlueprint.make({
  name: 'pipelines',
  params: {
    path: 'ci-cd',
    title: 'CI/CD',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityPipelinesContent').then(m => (
        <m.EntityPipelinesContent />
      )),
  },
});

/** Overview card with the latest runs. */
const entityLatestRunsCard = EntityCardBlueprint.make({
  name: 'latest-runs',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityLatestRunsCard').then(m => (
        <m.EntityLatestRunsCard />
      )),
  },
});

/** The Security tab on every component page. */
const entitySecurityContent = EntityContentBlueprint.make({
  name: 'security',
  params: {
    path: 'security',
    title: 'Security',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/Security').then(m => <m.EntitySecurityContent />),
  },
});

/** Overview card with the security gate. */
const entitySecuritySummaryCard = EntityCardBlueprint.make({
  name: 'security-summary',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/Security').then(m => (
        <m.EntitySecuritySummaryCard />
      )),
  },
});

/**
 * The Slipway delivery plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'delivery',
  extensions: [
    deliveryApi,
    entityDeliveryContent,
    entityLatestRunsCard,
    entitySecurityContent,
    entitySecuritySummaryCard,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    security: securityRouteRef,
  }),
});
