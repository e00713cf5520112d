import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the CI/CD entity tab. */
export const rootRouteRef = createRouteRef({ id: 'delivery' });

/** Route of the Security entity tab. */
export const securityRouteRef = createRouteRef({ id: 'delivery-security' });

/** Route of the organisation-wide security posture page. */
export const securityPostureRouteRef = createRouteRef({
  id: 'delivery-security-posture',
});

/** Route of the DORA entity tab. */
export const doraRouteRef = createRouteRef({ id: 'delivery-dora' });

/** Route of the DORA-by-team page. */
export const doraTeamsRouteRef = createRouteRef({ id: 'delivery-dora-teams' });

/** Route of the Environments entity tab. */
export const environmentsRouteRef = createRouteRef({
  id: 'delivery-environments',
});

/** Route of the "My approvals" page. */
export const approvalsRouteRef = createRouteRef({ id: 'delivery-approvals' });
