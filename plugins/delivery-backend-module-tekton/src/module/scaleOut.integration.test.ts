import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { pipelineRunWithTasks, TestRunSpec } from '../provider/testObjects';
import { FakeKubeApiServer, kubeResources, waitFor } from '../testing';
import { Replica, spawnReplica } from './__testUtils__/spawnReplica';
import { ENTITY_RUNS_PATH } from './__testUtils__/testPortal';

jest.setTimeout(240_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const RUNS = 12;

/*
 * Backend processes on one PostgreSQL database, each with the delivery plugin, the Tekton
 * module configured for the same clusters and the real Backstage scheduler: every run is stored
 * once (writes are idempotent by uid), the global resync task never runs on two at once (the
 * scheduler's lock in the database), one replica at a time watches each cluster (its lease in
 * `delivery_leases`), another takes over when it dies, and all answer the runs API alike.
 */
describe('backend processes on one PostgreSQL', () => {
  let kube: FakeKubeApiServer;
  const replicas: Replica[] = [];
  const clusters: FakeKubeApiServer[] = [];
  afterEach(async () => {
    replicas.splice(0).forEach(r => r.process.kill('SIGKILL'));
    await kube?.close();
    await Promise.all(clusters.splice(0).map(c => c.close()));
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
    // the watching replica's informers now watch; any later list of PipelineRuns is a resync,
    // held for 1.5 s
    await waitFor(
      async () =>
        kube.requests.filter(
          r => r.path.endsWith('/pipelineruns') && r.query.watch === 'true',
        ).length >= 1,
      'one replica watching',
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

  it('three replicas: one watches each cluster, another takes over within the fail-over time when it dies, no run lost or duplicated', async () => {
    const FAILOVER_MS = 4000;
    const east = await FakeKubeApiServer.start({
      resources: [kubeResources.approvalTasks],
    });
    const west = await FakeKubeApiServer.start({
      resources: [kubeResources.approvalTasks],
    });
    clusters.push(east, west);
    const put = (server: FakeKubeApiServer, spec: TestRunSpec) => {
      const { pipelineRun, taskRuns } = pipelineRunWithTasks({
        kubernetesId: 'payments-api',
        ...spec,
      });
      taskRuns.forEach(t => server.put('taskruns', t));
      server.put('pipelineruns', pipelineRun);
    };
    for (let i = 0; i < 5; i++) {
      put(east, { name: `east-${i}`, outcome: 'succeeded', minute: i });
      put(west, { name: `west-${i}`, outcome: 'succeeded', minute: 10 + i });
    }
    put(east, { name: 'east-busy', outcome: 'running', minute: 20 });

    const knex = await databases.init('POSTGRES_15');
    const env = {
      KUBE_CLUSTERS: JSON.stringify({
        east: { url: east.url, token: east.token },
        west: { url: west.url, token: west.token },
      }),
      PG_CONNECTION: JSON.stringify(knex.client.config.connection),
      DELIVERY_CONFIG: JSON.stringify({
        tekton: { failoverTimeout: `${FAILOVER_MS / 1000}s` },
      }),
    };
    // the first one creates the tables; the other two start together
    replicas.push(await spawnReplica(env));
    replicas.push(
      ...(await Promise.all([spawnReplica(env), spawnReplica(env)])),
    );

    const stored = async () =>
      (await knex('delivery_runs').select(
        'uid',
        'status',
        'cluster',
      )) as Array<{
        uid: string;
        status: string;
        cluster: string;
      }>;
    await waitFor(
      async () => (await stored()).length === 11,
      'every run ingested',
      30_000,
    );

    const watchRequests = (server: FakeKubeApiServer) =>
      server.requests.filter(r => r.query.watch === 'true');
    const watched = (server: FakeKubeApiServer) =>
      watchRequests(server)
        .map(r => r.path.split('/').pop())
        .sort();
    // ApprovalTasks, PipelineRuns and TaskRuns of each cluster: one watch each, from one replica
    for (const server of [east, west]) {
      await waitFor(
        () => server.openWatchCount() === 3,
        'three watches per cluster',
        15_000,
      );
    }
    // all three replicas are up and have looked at the leases a few times since
    await new Promise(r => setTimeout(r, FAILOVER_MS));
    for (const server of [east, west]) {
      expect(server.openWatchCount()).toBe(3);
      expect(watched(server)).toEqual([
        'approvaltasks',
        'pipelineruns',
        'taskruns',
      ]);
    }
    const holders = async () =>
      Object.fromEntries(
        (await knex('delivery_leases').select('name', 'owner')).map(r => [
          r.name,
          r.owner as string,
        ]),
      );
    const pidOf = (owner: string) => Number(owner.split('/')[1]);
    const before = await holders();
    expect(Object.keys(before).sort()).toEqual(['tekton/east', 'tekton/west']);

    // the replica watching east dies (no shutdown); runs change meanwhile
    const victim = replicas.find(
      r => r.process.pid === pidOf(before['tekton/east']),
    )!;
    expect(victim).toBeDefined();
    const watchesBefore = watchRequests(east).length;
    const killedAt = Date.now();
    victim.process.kill('SIGKILL');
    put(east, { name: 'east-busy', outcome: 'failed', minute: 20 });
    put(east, { name: 'east-new', outcome: 'succeeded', minute: 21 });

    await waitFor(
      async () => {
        const owner = (await holders())['tekton/east'];
        return owner !== before['tekton/east'] ? owner : undefined;
      },
      'another replica holding the east lease',
      FAILOVER_MS + 2000,
    );
    const leaseTakenAfter = Date.now() - killedAt;
    await waitFor(
      () => watchRequests(east).length >= watchesBefore + 3,
      'east watched again',
      FAILOVER_MS + 10_000,
    );
    const watchingAfter = Date.now() - killedAt;
    expect(leaseTakenAfter).toBeLessThanOrEqual(FAILOVER_MS + 250);
    // taking the lease, then discovery, a list and a watch per resource
    expect(watchingAfter).toBeLessThanOrEqual(FAILOVER_MS + 2000);

    await waitFor(
      async () => {
        const runs = await stored();
        return (
          runs.length === 12 &&
          runs.find(r => r.uid === 'uid-east-busy')?.status === 'failed'
        );
      },
      'the changes made while nobody watched',
      15_000,
    );
    // one replica watches east again, and west's watcher never changed unless it was the victim
    await new Promise(r => setTimeout(r, FAILOVER_MS / 2));
    expect(east.openWatchCount()).toBe(3);
    expect(west.openWatchCount()).toBe(3);
    const after = await holders();
    expect(pidOf(after['tekton/east'])).not.toBe(victim.process.pid);
    expect(pidOf(after['tekton/west'])).not.toBe(victim.process.pid);
    expect(
      replicas.map(r => r.process.pid).includes(pidOf(after['tekton/east'])),
    ).toBe(true);

    const runs = await stored();
    expect(runs).toHaveLength(12);
    expect(new Set(runs.map(r => r.uid)).size).toBe(12);
    expect(runs.filter(r => r.cluster === 'east')).toHaveLength(7);
    expect(runs.filter(r => r.status === 'running')).toEqual([]);
    const [{ n }] = await knex('delivery_tasks').count({ n: '*' });
    expect(Number(n)).toBe(24);
  });
});
