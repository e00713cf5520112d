import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { TEST_COMPONENTS } from '../__testUtils__/testComponents';
import { DatabaseDeliveryStore } from '../database/DatabaseDeliveryStore';
import { makeRun } from '../database/testRuns';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const RUNS = '/api/delivery/entities/component/default/payments-api/runs';

describe('the provider filter of the runs list', () => {
  it.each(databases.eachSupportedId())(
    'lists the runs of one provider, pages within it, and rejects a bad value (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // minutes 1..5: tekton, github-actions, tekton, github-actions, github-actions
      const providers = [
        'tekton',
        'github-actions',
        'tekton',
        'github-actions',
        'github-actions',
      ];
      await store.upsertRuns(
        providers.map((provider, i) =>
          makeRun({
            uid: `r${i + 1}`,
            provider,
            createdAt: `2026-11-01T10:0${i + 1}:00.000Z`,
            startedAt: `2026-11-01T10:0${i + 1}:00.000Z`,
          }),
        ),
      );
      const { server } = await startTestBackend({
        features: [
          deliveryPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: TEST_COMPONENTS }),
        ],
      });
      const get = (query: string) =>
        request(server)
          .get(`${RUNS}?${query}`)
          .set('Authorization', mockCredentials.user.header());

      const github = await get('provider=github-actions&limit=2');
      expect(github.status).toBe(200);
      expect(github.body.items.map((r: any) => r.uid)).toEqual(['r5', 'r4']);
      const next = await get(
        `provider=github-actions&limit=2&cursor=${encodeURIComponent(
          github.body.nextCursor,
        )}`,
      );
      expect(next.body.items.map((r: any) => r.uid)).toEqual(['r2']);
      expect(next.body.nextCursor).toBeUndefined();

      const tekton = await get('provider=tekton');
      expect(tekton.body.items.map((r: any) => [r.uid, r.provider])).toEqual([
        ['r3', 'tekton'],
        ['r1', 'tekton'],
      ]);
      expect((await get('provider=jenkins')).body.items).toEqual([]);
      expect((await get('')).body.items).toHaveLength(5);

      const bad = await get('provider=');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('provider');
    },
  );
});
