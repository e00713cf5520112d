import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { TEST_COMPONENTS } from '../__testUtils__/testComponents';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const auth = mockCredentials.service.header();

describe.each(databases.eachSupportedId())('events API on %p', databaseId => {
  async function start() {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        deliveryPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            delivery: {
              demoData: {
                enabled: true,
                days: 14,
                entities: [{ entityRef: 'component:default/payments-api' }],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: TEST_COMPONENTS }),
      ],
    });
    return { server, knex };
  }

  it('stores batches idempotently and keeps the push order of changes', async () => {
    const { server, knex } = await start();
    const deployment = {
      id: 'deploy-1',
      entityRef: 'Component:default/ledger',
      environment: 'Production',
      status: 'success',
      finishedAt: '2026-11-20T10:00:00Z',
      commitSha: 'abc1234',
    };
    for (let i = 0; i < 2; i++) {
      const res = await request(server)
        .post('/api/delivery/events/deployments')
        .set('Authorization', auth)
        .send([deployment]);
      expect(res.body).toEqual({ accepted: 1 });
    }
    const changes = ['c1', 'c2', 'c3'].map((sha, i) => ({
      sha: `${sha}aaaa`,
      entityRef: 'component:default/ledger',
      authoredAt: `2026-11-20T0${i}:00:00Z`,
    }));
    await request(server)
      .post('/api/delivery/events/changes')
      .set('Authorization', auth)
      .send({ items: changes })
      .expect(200);
    await request(server)
      .post('/api/delivery/events/changes')
      .set('Authorization', auth)
      .send([changes[0]])
      .expect(200);
    await request(server)
      .post('/api/delivery/events/incidents')
      .set('Authorization', auth)
      .send([
        {
          id: 'inc-1',
          entityRef: 'component:default/ledger',
          startedAt: '2026-11-20T11:00:00Z',
          resolvedAt: null,
          causedByDeploymentId: 'deploy-1',
        },
      ])
      .expect(200);

    const deployments = await knex('delivery_deployments').where(
      'entity_ref',
      'component:default/ledger',
    );
    expect(deployments).toEqual([
      expect.objectContaining({
        id: 'deploy-1',
        environment: 'production',
        source: 'api',
      }),
    ]);
    const stored = await knex('delivery_changes')
      .where('entity_ref', 'component:default/ledger')
      .orderBy('seq');
    expect(stored.map(c => c.sha)).toEqual(['c1aaaa', 'c2aaaa', 'c3aaaa']);
    expect(await knex('delivery_incidents').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
  });

  it('refuses a bad batch naming the item and field, storing none of it', async () => {
    const { server, knex } = await start();
    const res = await request(server)
      .post('/api/delivery/events/incidents')
      .set('Authorization', auth)
      .send([
        {
          id: 'ok',
          entityRef: 'component:default/ledger',
          startedAt: '2026-11-20T11:00:00Z',
        },
        { id: 'bad', entityRef: 'ledger', startedAt: 'yesterday' },
      ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      '[1].entityRef: must be kind:namespace/name',
    );
    expect(res.body.error.message).toContain(
      '[1].startedAt: must be an ISO 8601 date-time',
    );
    const [{ n }] = await knex('delivery_incidents')
      .where('entity_ref', 'component:default/ledger')
      .count({ n: '*' });
    expect(Number(n)).toBe(0);
    const notArray = await request(server)
      .post('/api/delivery/events/changes')
      .set('Authorization', auth)
      .send({ sha: 'x' });
    expect(notArray.status).toBe(400);
  });

  it('turns finished runs to an environment into deployments', async () => {
    const { knex } = await start();
    const rows = await knex('delivery_deployments').where('source', 'run');
    const environments = new Set(rows.map(r => r.environment));
    expect(environments).toEqual(new Set(['dev', 'staging', 'production']));
    expect(
      rows.every(
        r =>
          r.id.startsWith('run:') &&
          r.entity_ref === 'component:default/payments-api',
      ),
    ).toBe(true);
    expect(rows.some(r => r.status === 'success')).toBe(true);
  });
});
