import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventsService } from '@backstage/plugin-events-node';
import { DatabaseDeliveryStore } from '../../database/DatabaseDeliveryStore';
import { DatabaseEventsStore } from '../DatabaseEventsStore';
import { ScmChangeSubscriber } from './ScmChangeSubscriber';
import { signedScmSources } from './webhookSecrets';
import { ConfigReader } from '@backstage/config';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('ScmChangeSubscriber', () => {
  it('stores the commits of a default-branch push for the entities annotated with the repository', async () => {
    const knex = await databases.init('SQLITE_3');
    await DatabaseDeliveryStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const store = new DatabaseEventsStore(knex);
    const subscriptions: Array<{ topics: string[] }> = [];
    const events: EventsService = {
      publish: jest.fn(),
      subscribe: async options => {
        subscriptions.push(options);
      },
    };
    const subscriber = new ScmChangeSubscriber({
      events,
      store,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'ledger',
              namespace: 'default',
              annotations: { 'github.com/project-slug': 'acme/ledger' },
            },
            spec: {},
          },
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      signed: { github: true, gitlab: true },
    });
    await subscriber.subscribe();
    expect(subscriptions[0].topics).toEqual(['github.push', 'gitlab.push']);

    const payload = {
      ref: 'refs/heads/main',
      repository: { full_name: 'acme/ledger', default_branch: 'main' },
      commits: [
        { id: 'aaaa1111', timestamp: '2026-11-20T10:00:00Z', message: 'one' },
        { id: 'bbbb2222', timestamp: '2026-11-20T11:00:00Z', message: 'two' },
      ],
    };
    expect(
      await subscriber.handle({ topic: 'github.push', eventPayload: payload }),
    ).toBe(2);
    expect(
      await subscriber.handle({
        topic: 'github.push',
        eventPayload: {
          ...payload,
          repository: { full_name: 'other/repo', default_branch: 'main' },
        },
      }),
    ).toBe(0);
    const records = await store.loadRecords({
      entityRefs: ['component:default/ledger'],
      from: new Date(0),
      productionEnvironments: [],
    });
    expect(
      records.changes.map(c => [c.sha, c.authoredAt.toISOString()]),
    ).toEqual([
      ['aaaa1111', '2026-11-20T10:00:00.000Z'],
      ['bbbb2222', '2026-11-20T11:00:00.000Z'],
    ]);
    expect(records.changes[0].pushSeq).toBeLessThan(records.changes[1].pushSeq);
  });

  it('fails closed: consumes no pushes of a provider whose webhook secret is missing, and says so once', async () => {
    const subscriptions: Array<{ topics: string[] }> = [];
    const events: EventsService = {
      publish: jest.fn(),
      subscribe: async options => {
        subscriptions.push(options);
      },
    };
    const logger = mockServices.logger.mock();
    const deps = {
      events,
      store: {} as DatabaseEventsStore,
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger,
    };
    await new ScmChangeSubscriber({
      ...deps,
      signed: { github: false, gitlab: true },
    }).subscribe();
    expect(subscriptions.map(s => s.topics)).toEqual([['gitlab.push']]);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('events.modules.github.webhookSecret'),
    );

    await new ScmChangeSubscriber({
      ...deps,
      signed: { github: false, gitlab: false },
    }).subscribe();
    expect(subscriptions).toHaveLength(1);
  });

  it('reads which webhooks are signed from the events modules and GitHub Apps', () => {
    expect(signedScmSources(new ConfigReader({}))).toEqual({
      github: false,
      gitlab: false,
    });
    expect(
      signedScmSources(
        new ConfigReader({
          events: {
            modules: {
              github: { webhookSecret: ' ' },
              gitlab: { webhookSecret: 's' },
            },
          },
        }),
      ),
    ).toEqual({ github: false, gitlab: true });
    expect(
      signedScmSources(
        new ConfigReader({
          integrations: {
            github: [{ host: 'github.com', apps: [{ webhookSecret: 'x' }] }],
          },
        }),
      ),
    ).toEqual({ github: true, gitlab: false });
  });
});
