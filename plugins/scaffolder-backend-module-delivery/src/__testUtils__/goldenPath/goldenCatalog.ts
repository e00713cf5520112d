import { Entity } from '@backstage/catalog-model';

/*
 * The organisation around the templated project: ml-team owns it (ada; carol pushes the
 * commits), bruno is a release manager; dev and staging need no approval, production needs an
 * owner and a release manager, a passing security gate, 2 s in staging (the soak, short for the
 * test) and `accuracy >= 0.9` (stricter than the project's own validation threshold).
 */

type Relations = Array<[string, string]>;
const rel = (relations: Relations) =>
  relations.map(([type, targetRef]) => ({ type, targetRef }));

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { email: `${name}@example.com` }, memberOf: groups },
  relations: rel(groups.map(g => ['memberOf', `group:default/${g}`])),
});

const environment = (
  name: string,
  tier: string,
  approval?: NonNullable<Entity['spec']>[string],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'slipway.dev/environment-tier': tier },
  },
  spec: {
    type: 'environment',
    owner: 'platform',
    ...(approval && { approval }),
  },
});

export const PRODUCTION_ACCURACY = 0.9;

export const goldenUsers = {
  ada: 'user:default/ada',
  bruno: 'user:default/bruno',
  carol: 'user:default/carol',
};

/** The catalog: the project's own catalog-info.yaml entity plus its organisation. */
export function goldenCatalog(component: Entity): Entity[] {
  return [
    {
      ...component,
      relations: rel([['ownedBy', String(component.spec?.owner)]]),
    },
    group('ml-team'),
    group('release-managers'),
    user('ada', ['ml-team']),
    user('carol', ['ml-team']),
    user('bruno', ['release-managers']),
    environment('dev', 'development'),
    environment('staging', 'staging'),
    environment('production', 'production', {
      rules: [
        { name: 'Owners', approvals: 1, from: ['owners'] },
        {
          name: 'Release managers',
          approvals: 1,
          from: ['group:default/release-managers'],
        },
      ],
      waitAfterPrevious: 'PT2S',
      gates: {
        securityGate: true,
        metrics: [`accuracy >= ${PRODUCTION_ACCURACY}`],
      },
    }),
  ];
}
