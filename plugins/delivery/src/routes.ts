import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the CI/CD entity tab. */
export const rootRouteRef = createRouteRef({ id: 'delivery' });
