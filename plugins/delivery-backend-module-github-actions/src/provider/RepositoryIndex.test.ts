import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RateLimitGate } from '../client/RateLimitGate';
import { GithubHosts } from './GithubHosts';
import { RepositoryIndex } from './RepositoryIndex';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        {
          host: 'ghe.example.com',
          apiBaseUrl: 'https://ghe.example.com/api/v3',
          apps: [
            {
              appId: 1,
              clientId: 'id',
              clientSecret: 'secret',
              webhookSecret: 'hook',
              privateKey: 'key',
            },
          ],
        },
      ],
    },
  }),
);

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

describe('RepositoryIndex and GithubHosts', () => {
  it('maps project slugs to entities, on the GitHub Enterprise host of their source location', async () => {
    const logger = mockServices.logger.mock();
    const hosts = new GithubHosts(integrations, {
      logger,
      gate: new RateLimitGate(logger),
    });
    // a GitHub App counts as credentials; github.com (added by default) has none
    expect(hosts.hasCredentials()).toBe(true);
    expect(hosts.client('ghe.example.com')?.host).toBe('ghe.example.com');
    expect(hosts.client('gitlab.example.com')).toBeUndefined();

    const index = new RepositoryIndex({
      catalog: catalogServiceMock({
        entities: [
          entity('shop', {
            'github.com/project-slug': 'Acme/Shop',
            'backstage.io/source-location':
              'url:https://ghe.example.com/Acme/Shop/tree/main/',
          }),
          entity('shop-copy', { 'github.com/project-slug': 'acme/shop' }),
          entity('shop-twin', {
            'github.com/project-slug': 'acme/shop',
            'backstage.io/source-location':
              'url:https://ghe.example.com/acme/shop/',
          }),
          entity('broken', { 'github.com/project-slug': 'just-a-name' }),
          entity('elsewhere', {
            'github.com/project-slug': 'acme/site',
            'backstage.io/source-location':
              'url:https://gitlab.example.com/acme/site',
          }),
          entity('plain', {}),
        ],
      }),
      auth: mockServices.auth(),
      logger,
      isGithubHost: host => hosts.isGithubHost(host),
    });
    const targets = await index.refresh();
    expect(
      targets.map(t => [t.entityRef, t.repo.host, t.repo.owner, t.repo.repo]),
    ).toEqual([
      ['component:default/shop', 'ghe.example.com', 'Acme', 'Shop'],
      ['component:default/shop-copy', 'github.com', 'acme', 'shop'],
      ['component:default/elsewhere', 'github.com', 'acme', 'site'],
    ]);
    expect(
      index.lookup({ host: 'ghe.example.com', owner: 'ACME', repo: 'shop' })
        ?.entityRef,
    ).toBe('component:default/shop');
    const warnings = logger.warn.mock.calls.map(([m]) => String(m));
    expect(warnings).toEqual([
      'Both component:default/shop and component:default/shop-twin claim ghe.example.com/acme/shop; its GitHub Actions runs go to the first',
      "Ignoring github.com/project-slug 'just-a-name' of component:default/broken: expected owner/repo",
    ]);
  });
});
