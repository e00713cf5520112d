import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';

const location = 'url:https://example.com/trust-catalog.yaml';

const entity = (
  kind: string,
  name: string,
  spec: JsonObject,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
      ...annotations,
    },
  },
  spec,
});

/** The annotation that makes an entity visible to contractors under the test catalog policy. */
export const CONTRACTOR_VISIBLE = 'example.com/contractor-visible';

/**
 * The organisation of the permission matrix: team-a owns svc-a and has a child group team-a-sre;
 * team-b owns svc-b; contractors see only entities annotated for them (svc-b, not svc-a).
 */
export const trustCatalog: Entity[] = [
  entity('Group', 'engineering', { type: 'department', children: [] }),
  entity('Group', 'team-a', {
    type: 'team',
    parent: 'engineering',
    children: [],
  }),
  entity('Group', 'team-a-sre', {
    type: 'team',
    parent: 'team-a',
    children: [],
  }),
  entity('Group', 'team-b', {
    type: 'team',
    parent: 'engineering',
    children: [],
  }),
  entity('Group', 'contractors', { type: 'team', children: [] }),
  entity('User', 'pat', { memberOf: ['team-a'] }),
  entity('User', 'cory', { memberOf: ['team-a-sre'] }),
  entity('User', 'olga', { memberOf: ['team-b'] }),
  entity('User', 'hugo', { memberOf: ['contractors'] }),
  entity(
    'Resource',
    'dev',
    { type: 'environment', owner: 'group:default/engineering' },
    { 'slipway.dev/environment-tier': 'development' },
  ),
  entity(
    'Resource',
    'staging',
    {
      type: 'environment',
      owner: 'group:default/engineering',
      approval: { rules: [{ name: 'Owners', approvals: 1, from: ['owners'] }] },
    },
    { 'slipway.dev/environment-tier': 'staging' },
  ),
  entity(
    'Component',
    'svc-a',
    { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
    { 'slipway.dev/environments': 'dev,staging' },
  ),
  entity(
    'Component',
    'svc-b',
    { type: 'service', lifecycle: 'production', owner: 'group:default/team-b' },
    { [CONTRACTOR_VISIBLE]: 'true', 'slipway.dev/environments': 'dev,staging' },
  ),
];

/** The groups each test user belongs to, as a sign-in resolver puts them in the token. */
export const trustMemberships: Record<string, string[]> = {
  'user:default/pat': ['group:default/team-a'],
  'user:default/cory': ['group:default/team-a-sre'],
  'user:default/olga': ['group:default/team-b'],
  'user:default/hugo': ['group:default/contractors'],
};
