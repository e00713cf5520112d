import { TestDatabases } from '@backstage/backend-test-utils';
import { pipelineRunWithTasks, TestRunSpec } from '../provider/testObjects';
import { FakeKubeApiServer, waitFor } from '../testing';
import { listEntityRuns, startTestPortal } from './__testUtils__/testPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Tekton ingestion into the portal on %p',
  databaseId => {
    let kube: FakeKubeApiServer;

    afterEach(async () => {
      await kube?.close();
    });

    function put(spec: TestRunSpec) {
      const { pipelineRun, taskRuns } = pipelineRunWithTasks({
        kubernetesId: 'payments-api',
        ...spec,
      });
      taskRuns.forEach(t => kube.put('taskruns', t));
      kube.put('pipelineruns', pipelineRun);
    }

    async function startPortal() {
      const knex = await databases.init(databaseId);
      return { server: await startTestPortal(kube, knex), knex };
    }

    const listRuns = listEntityRuns;

    it('serves the cluster runs through the runs API and shows a change within 2 seconds', async () => {
      kube = await FakeKubeApiServer.start();
      put({ name: 'ok', outcome: 'succeeded', minute: 1 });
      put({ name: 'broken', outcome: 'failed', minute: 2 });
      put({ name: 'live', outcome: 'running', minute: 3 });
      const { server } = await startPortal();

      const runs = await waitFor(
        async () => {
          const items = await listRuns(server);
          return items.length === 3 ? items : undefined;
        },
        'three runs in the API',
        10_000,
      );
      expect(runs.map(r => [r.uid, r.status])).toEqual([
        ['uid-live', 'running'],
        ['uid-broken', 'failed'],
        ['uid-ok', 'succeeded'],
      ]);
      expect(runs[2].durationSeconds).toBe(42);

      const changedAt = Date.now();
      put({ name: 'live', outcome: 'succeeded', minute: 3 });
      await waitFor(
        async () => (await listRuns(server))[0].status === 'succeeded',
        'the live run to succeed in the API',
        2000,
      );
      expect(Date.now() - changedAt).toBeLessThan(2000);
    });

    it('after dropped watches, 410 and 500s the store holds every run exactly once, in its latest state', async () => {
      kube = await FakeKubeApiServer.start();
      for (let i = 0; i < 20; i++)
        put({ name: `run-${i}`, outcome: 'running', minute: i });
      const { server, knex } = await startPortal();
      await waitFor(
        async () => (await listRuns(server)).length === 20,
        '20 runs',
        10_000,
      );

      kube.dropWatches();
      for (let i = 0; i < 10; i++)
        put({ name: `run-${i}`, outcome: 'succeeded', minute: i });
      kube.compact();
      kube.dropWatches();
      kube.failNextRequests(3, 500);
      for (let i = 10; i < 20; i++)
        put({ name: `run-${i}`, outcome: 'failed', minute: i });
      for (let i = 20; i < 25; i++)
        put({ name: `run-${i}`, outcome: 'succeeded', minute: i });

      const runs = await waitFor(
        async () => {
          const items = await listRuns(server);
          const settled =
            items.length === 25 && items.every(r => r.status !== 'running');
          return settled ? items : undefined;
        },
        'all 25 runs settled',
        20_000,
      );
      expect(new Set(runs.map(r => r.uid)).size).toBe(25);
      expect(runs.filter(r => r.status === 'failed')).toHaveLength(10);
      const [{ count }] = await knex('delivery_runs').count({ count: '*' });
      expect(Number(count)).toBe(25);
      const [{ tasks }] = await knex('delivery_tasks').count({ tasks: '*' });
      expect(Number(tasks)).toBe(50);
    });
  },
);
