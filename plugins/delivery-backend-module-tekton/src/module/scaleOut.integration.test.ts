import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { pipelineRunWithTasks } from '../provider/testObjects';
import { FakeKubeApiServer, waitFor } from '../testing';
import { Replica, spawnReplica } from './__testUtils__/spawnReplica';
import { ENTITY_RUNS_PATH } from './__testUtils__/testPortal';

jest.setTimeout(240_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const RUNS = 12;

/*
 * Two backend processes on one PostgreSQL database, each with the delivery plugin, the Tekton
 * module watching the same cluster and the real Backstage scheduler: every run is stored once
 * (writes are idempotent by uid), the global resync task never runs on both at once (the
 * scheduler's lock in the database), and both answer the runs API alike.
 */
describe('two backend processes on one PostgreSQL', () => {
  let kube: FakeKubeApiServer;
  const replicas: Replica[] = [];
  afterEach(async () => {
    replicas.forEach(r => r.process.kill());
    await kube?.close();
  });

  it('ingest each run once, run the resync on one replica at a time and answer alike', async () => {
    if (databases.eachSupportedId().length === 0) {
      throw new Error(
        'This test needs PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh starts a server)',
      );
    }
    const server = await FakeKubeApiServer.start();
    kube = server;
    for (let i = 0; i < RUNS; i++) {
      const { pipelineRun, taskRuns } = pipelineRunWithTasks({
        name: `run-${i}`,
        kubernetesId: 'payments-api',
        outcome: i % 3 === 0 ? 'failed' : 'succeeded',
        minute: i,
      });
      taskRuns.forEach(t => server.put('taskruns', t));
      server.put('pipelineruns', pipelineRun);
    }
    const knex = await databases.init('POSTGRES_15');
    const env = {
      KUBE_URL: kube.url,
      KUBE_TOKEN: kube.token,
      PG_CONNECTION: JSON.stringify(knex.client.config.connection),
      DELIVERY_CONFIG: JSON.stringify({
        tekton: {
          schedule: {
            frequency: { seconds: 1 },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 1 },
          },
        },
      }),
    };
    // one after the other: both create the plugin's tables through migrations
    replicas.push(await spawnReplica(env));
    replicas.push(await spawnReplica(env));
    const runsOf = async (replica: Replica) =>
      (
        await request(`http://127.0.0.1:${replica.port}`)
          .get(ENTITY_RUNS_PATH)
          .set('Authorization', mockCredentials.user.header())
      ).body.items ?? [];
    await waitFor(
      async () => (await runsOf(replicas[1])).length === RUNS,
      'every run ingested',
      30_000,
    );
    // both informers now watch; any later list of PipelineRuns is a resync, held for 1.5 s
    await waitFor(
      async () =>
        kube.requests.filter(
          r => r.path.endsWith('/pipelineruns') && r.query.watch === 'true',
        ).length >= 2,
      'both replicas watching',
      10_000,
    );
    const resyncs = kube.trackRequests(/\/pipelineruns$/, 1500);
    await waitFor(async () => resyncs.count >= 4, 'four resyncs', 60_000);

    expect(resyncs.maxInFlight).toBe(1);
    const [{ n }] = await knex('delivery_runs').count({ n: '*' });
    expect(Number(n)).toBe(RUNS);
    const [{ d }] = await knex('delivery_runs').countDistinct({ d: 'uid' });
    expect(Number(d)).toBe(RUNS);
    const [a, b] = await Promise.all(replicas.map(runsOf));
    expect(a).toEqual(b);
    expect(
      a.filter((r: { status: string }) => r.status === 'failed'),
    ).toHaveLength(4);
  });
});
