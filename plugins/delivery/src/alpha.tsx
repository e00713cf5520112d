import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
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

/** The organisation-wide security posture page. */
const securityPosturePage = PageBlueprint.make({
  name: 'security-posture',
  params: {
    path: '/security-posture',
    title: 'Security posture',
    routeRef: convertLegacyRouteRef(securityPostureRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/SecurityPosture').then(m => (
        <m.SecurityPosturePage />
      )),
  },
});

/** A Security tab on group pages: the team's posture. */
const groupSecurityContent = EntityContentBlueprint.make({
  name: 'group-security',
  params: {
    path: 'security',
    title: 'Security',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/SecurityPosture').then(m => (
        <m.SecurityPostureContent />
      )),
  },
});

/** The DORA tab on component pages and on group pages (pooled over the team). */
const entityDoraContent = EntityContentBlueprint.make({
  name: 'dora',
  params: {
    path: 'dora',
    title: 'DORA',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/Dora').then(m => <m.EntityDoraContent />),
  },
});

const groupDoraContent = EntityContentBlueprint.make({
  name: 'group-dora',
  params: {
    path: 'dora',
    title: 'DORA',
    filter: { kind: 'group' },
    loader: () => import('./components/Dora').then(m => <m.DoraTeamContent />),
  },
});

/** Overview card with the DORA numbers. */
const entityDoraCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    filter: { kind: 'component' },
    loader: () => import('./components/Dora').then(m => <m.EntityDoraCard />),
  },
});

/** The DORA-by-team page. */
const doraTeamsPage = PageBlueprint.make({
  name: 'dora-teams',
  params: {
    path: '/dora',
    title: 'DORA by team',
    routeRef: convertLegacyRouteRef(doraTeamsRouteRef),
    noHeader: true,
    loader: () => import('./components/Dora').then(m => <m.DoraTeamsPage />),
  },
});

/** The Environments tab on component pages: lanes, policies, pending promotions. */
const entityEnvironmentsContent = EntityContentBlueprint.make({
  name: 'environments',
  params: {
    path: 'environments',
    title: 'Environments',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/Environments').then(m => (
        <m.EntityEnvironmentsContent />
      )),
  },
});

/** The "My approvals" page: promotions waiting for the signed-in user. */
const approvalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/approvals',
    title: 'My approvals',
    routeRef: convertLegacyRouteRef(approvalsRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/Environments').then(m => <m.MyApprovalsPage />),
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
    groupSecurityContent,
    securityPosturePage,
    entityDoraContent,
    groupDoraContent,
    entityDoraCard,
    doraTeamsPage,
    entityEnvironmentsContent,
    approvalsPage,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    security: securityRouteRef,
    securityPosture: securityPostureRouteRef,
    dora: doraRouteRef,
    doraTeams: doraTeamsRouteRef,
    environments: environmentsRouteRef,
    approvals: approvalsRouteRef,
  }),
});
