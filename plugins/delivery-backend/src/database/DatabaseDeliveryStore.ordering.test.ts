import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { TaskRun } from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
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

function task(name: string, status: TaskRun['status']): TaskRun {
  return {
    name,
    pipelineTaskName: name.replace(/^r1-/, ''),
    status,
    startedAt: '2026-11-01T10:00:06.000Z',
    completedAt: status === 'running' ? undefined : '2026-11-01T10:04:00.000Z',
    retries: 0,
    isFinally: false,
  };
}

/** The same Tekton run as a replica saw it at one resourceVersion. */
function runAt(
  version: string,
  status: 'running' | 'succeeded',
  tasks: Array<[string, TaskRun['status'], string]>,
): PipelineRunRecord {
  return makeRun({
    uid: 'r1',
    status,
    reason: status === 'running' ? 'Running' : 'Succeeded',
    completedAt: status === 'running' ? undefined : '2026-11-01T10:05:05.000Z',
    durationSeconds: status === 'running' ? undefined : 300,
    sourceVersion: version,
    tasks: tasks.map(([name, s]) => task(name, s)),
    taskSourceVersions: Object.fromEntries(
      tasks.map(([name, , v]) => [name, v]),
    ),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseDeliveryStore write ordering on %p',
  databaseId => {
    it('keeps a finished run and its finished tasks when a stalled writer releases an older running state', async () => {
      const { store } = await createStore(databaseId);
      const stale = runAt('100', 'running', [['r1-build', 'running', '99']]);
      await store.upsertRuns([stale]);
      await store.upsertRuns([
        runAt('120', 'succeeded', [
          ['r1-build', 'succeeded', '118'],
          ['r1-test', 'succeeded', '119'],
        ]),
      ]);
      // the lagging replica's write of what it saw at resourceVersion 100 arrives last
      await store.upsertRuns([stale]);

      const run = await store.getRun('r1');
      expect(run).toMatchObject({
        status: 'succeeded',
        completedAt: '2026-11-01T10:05:05.000Z',
        durationSeconds: 300,
      });
      expect(run!.tasks.map(t => [t.name, t.status])).toEqual([
        ['r1-build', 'succeeded'],
        ['r1-test', 'succeeded'],
      ]);
    });

    it('compares numeric versions as numbers (9 is older than 10), not as text', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertRuns([
        runAt('10', 'succeeded', [['r1-build', 'succeeded', '10']]),
      ]);
      await store.upsertRuns([
        runAt('9', 'running', [['r1-build', 'running', '9']]),
      ]);
      const run = await store.getRun('r1');
      expect(run?.status).toBe('succeeded');
      expect(run?.tasks.map(t => t.status)).toEqual(['succeeded']);

      // and a newer version of a running task is applied while its run is unchanged
      await store.upsertRuns([
        runAt('10', 'succeeded', [
          ['r1-build', 'succeeded', '10'],
          ['r1-late', 'running', '11'],
        ]),
      ]);
      await store.upsertRuns([
        runAt('10', 'succeeded', [['r1-late', 'succeeded', '12']]),
      ]);
      expect(
        (await store.getRun('r1'))?.tasks.map(t => [t.name, t.status]),
      ).toEqual([
        ['r1-build', 'succeeded'],
        ['r1-late', 'succeeded'],
      ]);
    });

    it('never sets a finished run back to unfinished with an opaque version it cannot order', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertRuns([
        runAt('etcd-b', 'succeeded', [['r1-build', 'succeeded', 'x2']]),
      ]);
      await store.upsertRuns([
        runAt('etcd-a', 'running', [['r1-build', 'running', 'x1']]),
      ]);
      const run = await store.getRun('r1');
      expect(run?.status).toBe('succeeded');
      expect(run?.tasks.map(t => t.status)).toEqual(['succeeded']);
    });

    it('orders by observedAt without a version: an older update is ignored, a newer attempt applied', async () => {
      const { store } = await createStore(databaseId);
      const at = (observedAt: string, status: 'running' | 'succeeded') =>
        makeRun({
          uid: 'gh',
          status,
          completedAt:
            status === 'running' ? undefined : '2026-11-01T10:05:05.000Z',
          observedAt,
        });
      await store.upsertRuns([at('2026-11-01T10:05:06Z', 'succeeded')]);
      await store.upsertRuns([at('2026-11-01T10:03:00Z', 'running')]);
      expect((await store.getRun('gh'))?.status).toBe('succeeded');
      // a re-run attempt of the same run (GitHub keeps the run id) is newer: applied
      await store.upsertRuns([at('2026-11-01T11:00:00Z', 'running')]);
      expect((await store.getRun('gh'))?.status).toBe('running');
    });

    it('stores unversioned records last-writer-wins, their task list replacing the stored one', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertRuns([
        makeRun({
          uid: 'plain',
          status: 'failed',
          tasks: [task('1', 'failed'), task('2', 'succeeded')],
        }),
      ]);
      await store.upsertRuns([
        makeRun({
          uid: 'plain',
          status: 'running',
          completedAt: undefined,
          tasks: [task('3', 'running')],
        }),
      ]);
      const run = await store.getRun('plain');
      expect(run?.status).toBe('running');
      expect(run?.tasks.map(t => t.name)).toEqual(['3']);
    });

    it('keeps stored tasks a versioned record does not list, and writes no deployment from an ignored record', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.upsertRuns([
        runAt('50', 'succeeded', [
          ['r1-build', 'succeeded', '48'],
          ['r1-test', 'succeeded', '49'],
        ]),
      ]);
      // e.g. Chains annotated the run after its TaskRuns were forgotten
      await store.upsertRuns([runAt('60', 'succeeded', [])]);
      expect((await store.getRun('r1'))?.tasks.map(t => t.name)).toEqual([
        'r1-build',
        'r1-test',
      ]);

      const deploy = (version: string, status: 'running' | 'succeeded') => ({
        ...runAt(version, status, []),
        uid: 'd1',
        environment: 'production',
      });
      await store.upsertRuns([deploy('70', 'running')]);
      await store.upsertRuns([deploy('60', 'succeeded')]);
      expect((await store.getRun('d1'))?.status).toBe('running');
      const [{ n }] = await knex('delivery_deployments').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('records a deploy task that finished while the run write was stale, once', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.upsertRuns([runAt('90', 'running', [])]);
      const finishedDeploy = {
        ...runAt('80', 'running', [['r1-deploy-dev', 'succeeded', '85']]),
      };
      finishedDeploy.tasks = finishedDeploy.tasks.map(t => ({
        ...t,
        environment: 'dev',
        completedAt: '2026-11-01T10:03:00.000Z',
      }));
      await store.upsertRuns([finishedDeploy]);
      await store.upsertRuns([finishedDeploy]);
      const rows = await knex('delivery_deployments').select(
        'id',
        'environment',
      );
      expect(rows).toEqual([{ id: 'run:r1#deploy-dev', environment: 'dev' }]);
    });

    it('lets two writers upsert the same runs and tasks at once, in opposite orders, without failing', async () => {
      const { store, knex } = await createStore(databaseId);
      const other = await DatabaseDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      // the writers list the same runs in opposite orders (replicas' batches have no common order)
      const inOrder = <T>(writer: number, items: T[]) =>
        writer ? items.reverse() : items;
      const runs = (round: number, writer: number) =>
        inOrder(
          writer,
          Array.from({ length: 450 }, (_, i) =>
            makeRun({
              uid: `c${i}`,
              status: 'running',
              completedAt: undefined,
              tasks: Array.from({ length: 4 }, (__, t) =>
                task(`c${i}-t${t}`, 'running'),
              ),
              sourceVersion: String(round * 2 + writer),
              taskSourceVersions: Object.fromEntries(
                Array.from({ length: 4 }, (__, t) => [
                  `c${i}-t${t}`,
                  String(round * 2 + writer),
                ]),
              ),
            }),
          ),
        );
      const unversioned = (writer: number) =>
        inOrder(
          writer,
          Array.from({ length: 30 }, (_, i) =>
            makeRun({
              uid: `u${i}`,
              tasks: Array.from({ length: 4 }, (__, t) =>
                task(`u${i}-t${t}`, writer ? 'succeeded' : 'failed'),
              ),
            }),
          ),
        );
      for (let round = 0; round < 3; round++) {
        await Promise.all([
          store.upsertRuns(runs(round, 0)),
          other.upsertRuns(runs(round, 1)),
          store.upsertRuns(unversioned(0)),
          other.upsertRuns(unversioned(1)),
        ]);
      }
      const [{ n }] = await knex('delivery_tasks').count({ n: '*' });
      expect(Number(n)).toBe(1920);
    });
  },
);
