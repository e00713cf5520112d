import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseDeliveryStore } from './DatabaseDeliveryStore';
import { makeRun } from './testRuns';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseDeliveryStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseDeliveryStore on %p',
  databaseId => {
    it("pages an entity's runs newest first, breaking ties by uid, without gaps or repeats", async () => {
      const { store } = await createStore(databaseId);
      const runs = Array.from({ length: 7 }, (_, i) =>
        makeRun({
          uid: `uid-${i}`,
          // uid-3 and uid-4 start at the same second: the tie-breaker decides their order
          startedAt: new Date(
            Date.UTC(2026, 10, 1, 10, i === 4 ? 3 : i),
          ).toISOString(),
        }),
      );
      await store.upsertRuns([
        ...runs,
        makeRun({ uid: 'other', entityRef: 'component:default/other' }),
      ]);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listRuns({
          entityRef: 'component:default/payments-api',
          limit: 3,
          cursor,
        });
        seen.push(...page.items.map(r => r.uid));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);

      expect(pages).toBe(3);
      const oldestFirst = await store.listRuns({
        entityRef: 'component:default/payments-api',
        limit: 4,
        order: 'asc',
      });
      const rest = await store.listRuns({
        entityRef: 'component:default/payments-api',
        limit: 4,
        order: 'asc',
        cursor: oldestFirst.nextCursor,
      });
      expect([...oldestFirst.items, ...rest.items].map(r => r.uid)).toEqual([
        'uid-0',
        'uid-1',
        'uid-2',
        'uid-3',
        'uid-4',
        'uid-5',
        'uid-6',
      ]);
      expect(seen).toEqual([
        'uid-6',
        'uid-5',
        'uid-4',
        'uid-3',
        'uid-2',
        'uid-1',
        'uid-0',
      ]);
    });

    it('filters by status, pipeline and branch', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertRuns([
        makeRun({ uid: 'a', status: 'failed' }),
        makeRun({ uid: 'b', status: 'succeeded', pipelineName: 'deploy' }),
        makeRun({ uid: 'c', status: 'running', git: { branch: 'feat/x' } }),
      ]);
      const entityRef = 'component:default/payments-api';
      const ids = async (q: object) =>
        (await store.listRuns({ entityRef, limit: 10, ...q })).items
          .map(r => r.uid)
          .sort();

      expect(await ids({ status: ['failed', 'running'] })).toEqual(['a', 'c']);
      expect(await ids({ pipeline: 'deploy' })).toEqual(['b']);
      expect(await ids({ branch: 'feat/x' })).toEqual(['c']);
    });

    it('upserts idempotently by uid and replaces the tasks of a changed run', async () => {
      const { store, knex } = await createStore(databaseId);
      const running = makeRun({
        uid: 'r1',
        status: 'running',
        completedAt: undefined,
        durationSeconds: undefined,
        tasks: [
          {
            name: 'r1-build',
            pipelineTaskName: 'build',
            status: 'running',
            startedAt: '2026-11-01T10:00:06.000Z',
            retries: 0,
            isFinally: false,
          },
        ],
      });
      await store.upsertRuns([running]);
      await store.upsertRuns([running]);
      await store.upsertRuns([
        {
          ...running,
          status: 'failed',
          reason: 'Failed',
          completedAt: '2026-11-01T10:09:05.000Z',
          durationSeconds: 540,
          tasks: [
            {
              ...running.tasks[0],
              status: 'failed',
              retries: 2,
              completedAt: '2026-11-01T10:09:00.000Z',
            },
            {
              name: 'r1-notify',
              pipelineTaskName: 'notify',
              status: 'succeeded',
              startedAt: '2026-11-01T10:09:01.000Z',
              completedAt: '2026-11-01T10:09:04.000Z',
              retries: 0,
              isFinally: true,
            },
          ],
        },
      ]);

      const [{ count }] = await knex('delivery_runs').count({ count: '*' });
      expect(Number(count)).toBe(1);
      const run = await store.getRun('r1');
      expect(run).toMatchObject({
        uid: 'r1',
        status: 'failed',
        durationSeconds: 540,
        completedAt: '2026-11-01T10:09:05.000Z',
        git: { branch: 'main' },
      });
      expect(run!.tasks).toEqual([
        expect.objectContaining({
          pipelineTaskName: 'build',
          status: 'failed',
          retries: 2,
          isFinally: false,
        }),
        expect.objectContaining({
          pipelineTaskName: 'notify',
          status: 'succeeded',
          isFinally: true,
        }),
      ]);
      expect(await store.getRun('missing')).toBeUndefined();
    });

    it('rejects a cursor it did not issue', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.listRuns({
          entityRef: 'component:default/x',
          limit: 5,
          cursor: 'bm9wZQ',
        }),
      ).rejects.toThrow(/Invalid cursor/);
    });
  },
);
