import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { waitFor } from '../testing';
import { ClusterLeases, LeasedWork } from './ClusterLeases';
import { DatabaseLease, LEASE_TABLE } from './DatabaseLease';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const FAILOVER_MS = 2000;

async function migrated(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@slipway/plugin-delivery-backend',
      'migrations',
    ),
  });
  return knex;
}

/** Counts, per cluster, how many replicas run its work at once, and the most ever. */
class Watches {
  readonly running = new Map<string, Set<string>>();
  readonly most = new Map<string, number>();
  readonly starts: Array<{ cluster: string; replica: string; at: number }> = [];

  work(cluster: string, replica: string): LeasedWork {
    return {
      start: async () => {
        const set = this.running.get(cluster) ?? new Set();
        set.add(replica);
        this.running.set(cluster, set);
        this.most.set(cluster, Math.max(this.most.get(cluster) ?? 0, set.size));
        this.starts.push({ cluster, replica, at: Date.now() });
      },
      stop: async () => {
        this.running.get(cluster)?.delete(replica);
      },
    };
  }

  holders(cluster: string): string[] {
    return [...(this.running.get(cluster) ?? [])];
  }
}

function replicas(
  n: number,
  watches: Watches,
  knex: Knex,
  first = 0,
): ClusterLeases[] {
  return Array.from({ length: n }, (_, i) => {
    const owner = `replica-${first + i}`;
    const leases = new ClusterLeases({
      knex: async () => knex,
      logger: mockServices.logger.mock(),
      failoverMs: FAILOVER_MS,
      owner,
    });
    for (const cluster of ['c1', 'c2']) {
      leases.add(cluster, watches.work(cluster, owner));
    }
    return leases;
  });
}

describe.each(databases.eachSupportedId())(
  'ClusterLeases on %p',
  databaseId => {
    const started: ClusterLeases[] = [];
    afterEach(async () => {
      await Promise.all(started.splice(0).map(l => l.stop()));
    });

    it('runs each cluster on one of three replicas; a dead holder is replaced within the fail-over time, a stopped one at once', async () => {
      const knex = await migrated(databaseId);
      // c1's holder renewed its lease just before it died: nobody renews it any more
      const dead = new DatabaseLease(knex, 'tekton/c1', 'dead-replica', 1500);
      expect(await dead.tryAcquire()).toBe(true);
      const diedAt = Date.now();

      const watches = new Watches();
      started.push(...replicas(3, watches, knex));
      await waitFor(() => watches.holders('c2').length === 1, 'c2 watched');
      expect(watches.holders('c1')).toEqual([]);

      await waitFor(
        () => watches.holders('c1').length === 1,
        'c1 taken over',
        FAILOVER_MS + 1000,
      );
      const tookOver = watches.starts.find(s => s.cluster === 'c1')!.at;
      // the dead lease lives ¾ of the fail-over time, the others look every ¼ of it
      expect(tookOver - diedAt).toBeLessThanOrEqual(FAILOVER_MS + 200);
      expect(tookOver - diedAt).toBeGreaterThanOrEqual(1400);

      // a few beats later: still one watcher each, the leases renewed
      await new Promise(r => setTimeout(r, FAILOVER_MS));
      expect(watches.holders('c1')).toHaveLength(1);
      expect(watches.holders('c2')).toHaveLength(1);
      const rows = await knex(LEASE_TABLE).orderBy('name');
      expect(rows.map(r => [r.name, r.owner])).toEqual([
        ['tekton/c1', watches.holders('c1')[0]],
        ['tekton/c2', watches.holders('c2')[0]],
      ]);

      // a replica that shuts down releases its leases: another takes over on its next beat
      const [holder] = watches.holders('c2');
      const index = Number(holder.replace('replica-', ''));
      const stoppedAt = Date.now();
      await started[index].stop();
      expect(watches.holders('c2')).toEqual([]);
      await waitFor(
        () => watches.holders('c2').length === 1,
        'c2 taken over',
        FAILOVER_MS,
      );
      expect(watches.holders('c2')[0]).not.toBe(holder);
      expect(
        watches.starts.filter(s => s.cluster === 'c2').pop()!.at - stoppedAt,
      ).toBeLessThanOrEqual(FAILOVER_MS / 4 + 300);

      expect(watches.most.get('c1')).toBe(1);
      expect(watches.most.get('c2')).toBe(1);
    });

    it('a replica that cannot renew its lease stops its work before another one starts it', async () => {
      const knex = await migrated(databaseId);
      if (databaseId !== 'POSTGRES_15') {
        // one in-memory SQLite database is one connection: a replica cannot lose only its own
        return;
      }
      const lost = knexFactory({
        client: 'pg',
        connection: knex.client.config.connection,
        pool: { min: 0, max: 2, acquireTimeoutMillis: 200 },
      });
      const watches = new Watches();
      // replica-0 starts first and takes both leases
      started.push(...replicas(1, watches, lost));
      await waitFor(
        () =>
          watches.holders('c1').length === 1 &&
          watches.holders('c2').length === 1,
        'replica-0 watching',
      );
      started.push(...replicas(2, watches, knex, 1));
      await new Promise(r => setTimeout(r, FAILOVER_MS / 2));
      expect(watches.most.get('c1')).toBe(1);

      // replica-0 loses its database: its renewals fail
      await lost.destroy();
      await waitFor(
        () =>
          watches.starts.filter(s => s.cluster === 'c1').length === 2 &&
          watches.starts.filter(s => s.cluster === 'c2').length === 2,
        'both clusters taken over',
        FAILOVER_MS * 2,
      );
      // never two at once: replica-0 stopped when its lease ran out, before it could be taken
      expect(watches.most.get('c1')).toBe(1);
      expect(watches.most.get('c2')).toBe(1);
    });
  },
);
