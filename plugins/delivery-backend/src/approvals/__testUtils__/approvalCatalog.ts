import { Entity } from '@backstage/catalog-model';

/*
 * A small organisation for approval tests, with the relations the catalog would compute:
 * release-managers has the child group rm-emea; payments-team owns payments-api and
 * fraud-model. Environments dev (no approval), staging (1 owner), production (2 release
 * managers and 1 owner, security gate, 1 h soak after staging, 4 h validity), broken (invalid).
 */

type Relations = Array<[string, string]>;
type SpecValue = NonNullable<Entity['spec']>[string];

const rel = (relations: Relations) =>
  relations.map(([type, targetRef]) => ({ type, targetRef }));

const group = (name: string, relations: Relations = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: rel(relations),
});

const user = (
  name: string,
  groups: string[],
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default', annotations },
  spec: { profile: { email: `${name}@example.com` }, memberOf: groups },
  relations: rel(groups.map(g => ['memberOf', `group:default/${g}`])),
});

const environment = (
  name: string,
  tier: string,
  approval?: SpecValue,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'slipway.dev/environment-tier': tier },
  },
  spec: { type: 'environment', owner: 'platform', approval },
});

const component = (
  name: string,
  environments: string,
  approvalPolicy?: SpecValue,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': name,
      'slipway.dev/environments': environments,
      // what the Slipway templates write: approved promotions and rollbacks start it
      'slipway.dev/deploy-pipeline': `${name}-deploy`,
      'slipway.dev/deploy-pipeline-namespace': `${name}-ci`,
      'slipway.dev/deploy-pipeline-params':
        'environment,revision,version,image',
      'slipway.dev/deploy-pipeline-provider': 'recording',
      'slipway.dev/deploy-service-account': 'deployer',
    },
  },
  spec: { type: 'service', owner: 'payments-team', approvalPolicy },
  relations: rel([['ownedBy', 'group:default/payments-team']]),
});

export const approvalCatalog: Entity[] = [
  group('release-managers', [['parentOf', 'group:default/rm-emea']]),
  group('rm-emea', [['childOf', 'group:default/release-managers']]),
  group('payments-team'),
  // her GitHub login differs from her catalog name
  user('ada', ['payments-team'], { 'github.com/user-login': 'ada-l' }),
  user('dan', ['payments-team']),
  user('finn', ['payments-team']),
  user('bruno', ['release-managers']),
  user('carla', ['rm-emea']),
  user('eve', []),
  environment('dev', 'development'),
  environment('qa', 'testing', {
    trustedDeploymentSources: ['service:external:test-service'],
  }),
  environment('staging', 'staging', {
    unresolvedIdentities: 'allow',
    rules: [{ name: 'Owners', approvals: 1, from: ['owners'] }],
  }),
  environment('production', 'production', {
    rules: [
      {
        name: 'Release managers',
        approvals: 2,
        from: ['group:default/release-managers'],
      },
      { name: 'Owners', approvals: 1, from: ['owners'] },
    ],
    requestExpiresAfter: 'PT24H',
    approvalValidFor: { hours: 4 },
    waitAfterPrevious: 'PT1H',
    // the tests' pipeline token posts staging deployments through the events API
    trustedDeploymentSources: ['service:external:test-service'],
    gates: { securityGate: true },
  }),
  environment('broken', 'staging', {
    rules: [{ name: 'Nobody', approvals: 0, from: [] }],
  }),
  component('payments-api', 'dev, staging, production', {
    // tries to loosen production (1 release manager): the environment's 2 stay
    production: {
      rules: [
        {
          name: 'Release managers',
          approvals: 1,
          from: ['group:default/release-managers'],
        },
      ],
    },
  }),
  component('fraud-model', 'staging, production', {
    staging: { gates: { metrics: ['accuracy >= 0.8'] } },
  }),
  // qa needs no approver, only half a second in dev (gates still hold a request)
  component('gated-svc', 'dev, qa', {
    qa: { waitAfterPrevious: 'PT0.5S' },
  }),
  component('quick-svc', 'staging', {
    staging: { requestExpiresAfter: 'PT0.2S' },
  }),
  component('broken-svc', 'broken, nowhere'),
  component('no-envs', ''),
];

export const users = {
  ada: 'user:default/ada',
  dan: 'user:default/dan',
  finn: 'user:default/finn',
  bruno: 'user:default/bruno',
  carla: 'user:default/carla',
  eve: 'user:default/eve',
};
