import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { Knex } from 'knex';
import { readDurationMs } from '../provider/requestTimeout';
import { DatabaseLease } from './DatabaseLease';

/** Default time within which another replica takes over a dead replica's clusters: 30 s. */
export const DEFAULT_FAILOVER_MS = 30_000;

/** Work that runs on one replica at a time: the watches of one cluster. */
export interface LeasedWork {
  /** Starts the work; must not throw (errors are the work's to retry). */
  start(): Promise<void>;
  /** Stops the work, writing what it has pending. */
  stop(): Promise<void>;
}

export interface ClusterLeasesOptions {
  /** The plugin's database, which holds the `delivery_leases` table. */
  knex: () => Promise<Knex>;
  logger: LoggerService;
  /**
   * The most time between a replica's death and another replica holding its leases, in ms.
   * A lease lives ¾ of it and is renewed (or, by the others, looked at) every ¼ of it.
   * Default {@link DEFAULT_FAILOVER_MS}.
   */
  failoverMs?: number;
  /** This replica's id in the lease table. Default: host name, process id and a random part. */
  owner?: string;
}

interface ClusterState {
  lease?: DatabaseLease;
  works: LeasedWork[];
  held: boolean;
  /** performance.now() until which this replica counts the lease as its own. */
  validUntil: number;
  timer?: NodeJS.Timeout;
  /** Fires when the lease runs out unrenewed (e.g. the database stalls mid-renewal). */
  expiry?: NodeJS.Timeout;
  tick?: Promise<void>;
  losing?: Promise<void>;
  /** The last error logged, so that a persisting one is logged once. */
  lastError?: string;
}

/**
 * Makes the watches of each cluster run on one replica at a time, under a lease per cluster in
 * the database (`tekton/<cluster>` in `delivery_leases`):
 *
 * - every replica tries to take each cluster's lease at start and then every ¼ of the fail-over
 *   time; the replica that holds it starts the cluster's watches and renews it on that beat;
 * - a lease lives ¾ of the fail-over time, so when its replica dies (or stalls) another one
 *   holds it within the fail-over time of the last renewal, and starts watching;
 * - a replica that finds its lease taken, or cannot renew it before it runs out, stops its
 *   watches at once (writing what they had pending; the store ignores writes older than what
 *   it holds, so a late write of a replica that lost its lease does no harm);
 * - on shutdown a replica stops its watches, writes what is pending and releases its leases, so
 *   another replica takes over on its next beat.
 *
 * With one replica (e.g. on SQLite) it takes every lease at start, without waiting.
 */
export class ClusterLeases {
  /** Leases on the plugin's database, with `delivery.tekton.failoverTimeout` (default 30 s). */
  static fromConfig(
    config: Config,
    options: { database: DatabaseService; logger: LoggerService },
  ): ClusterLeases {
    const failoverMs = readDurationMs(
      config,
      'delivery.tekton.failoverTimeout',
      DEFAULT_FAILOVER_MS,
    );
    if (failoverMs < 1000) {
      throw new Error(
        'delivery.tekton.failoverTimeout must be at least 1 second',
      );
    }
    return new ClusterLeases({
      knex: () => options.database.getClient(),
      logger: options.logger,
      failoverMs,
    });
  }

  readonly owner: string;
  readonly failoverMs: number;
  readonly #options: ClusterLeasesOptions;
  readonly #clusters = new Map<string, ClusterState>();
  #stopped = false;

  constructor(options: ClusterLeasesOptions) {
    this.#options = options;
    this.failoverMs = options.failoverMs ?? DEFAULT_FAILOVER_MS;
    this.owner =
      options.owner ??
      `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  }

  get #ttlMs(): number {
    return Math.round((this.failoverMs * 3) / 4);
  }

  get #beatMs(): number {
    return Math.max(1, Math.round(this.failoverMs / 4));
  }

  /** Runs `work` on this replica while it holds the lease of `cluster`. */
  add(cluster: string, work: LeasedWork): void {
    if (this.#stopped) return;
    let state = this.#clusters.get(cluster);
    if (!state) {
      state = { works: [], held: false, validUntil: 0 };
      this.#clusters.set(cluster, state);
      state.works.push(work);
      this.#schedule(cluster, state, 0);
      return;
    }
    state.works.push(work);
    if (state.held) void work.start();
  }

  /** Whether this replica holds the lease of `cluster` (and runs its watches). */
  holds(cluster: string): boolean {
    return this.#clusters.get(cluster)?.held ?? false;
  }

  /** Stops every leased work, writing what it has pending, and releases the leases. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(
      [...this.#clusters.entries()].map(async ([cluster, state]) => {
        clearTimeout(state.timer);
        await state.tick;
        await state.losing;
        if (!state.held) return;
        await this.#lose(cluster, state, 'shutting down');
        try {
          await state.lease?.release();
        } catch (error) {
          this.#options.logger.warn(
            `Could not release the lease of cluster '${cluster}': ${error}`,
          );
        }
      }),
    );
  }

  #schedule(cluster: string, state: ClusterState, delayMs: number): void {
    if (this.#stopped) return;
    state.timer = setTimeout(() => {
      state.tick = this.#tick(cluster, state).finally(() => {
        state.tick = undefined;
        this.#schedule(cluster, state, this.#beatMs);
      });
    }, delayMs);
    state.timer.unref?.();
  }

  async #tick(cluster: string, state: ClusterState): Promise<void> {
    const startedAt = performance.now();
    try {
      await state.losing;
      state.lease ??= new DatabaseLease(
        await this.#options.knex(),
        `tekton/${cluster}`,
        this.owner,
        this.#ttlMs,
      );
      if (state.held) {
        if (await state.lease.renew()) {
          this.#extend(cluster, state, startedAt);
        } else {
          await this.#lose(cluster, state, 'another replica holds its lease');
        }
      } else if (!this.#stopped && (await state.lease.tryAcquire())) {
        state.held = true;
        this.#extend(cluster, state, startedAt);
        this.#options.logger.info(
          `This replica (${this.owner}) now watches cluster '${cluster}'`,
        );
        // not awaited: a long first list must not delay the next renewal
        state.works.forEach(w => void w.start());
      }
      state.lastError = undefined;
    } catch (error) {
      const message = String(error);
      if (state.lastError !== message) {
        this.#options.logger.warn(
          `Could not ${
            state.held ? 'renew' : 'take'
          } the lease of cluster '${cluster}': ${message}`,
        );
        state.lastError = message;
      }
    }
  }

  /**
   * The lease is ours until `startedAt` (when the renewal was sent) + its time to live; this
   * replica stops its work half a beat before that, so that it has stopped before the database
   * lets another replica take the lease (timers fire late on a busy event loop).
   */
  #extend(cluster: string, state: ClusterState, startedAt: number): void {
    state.validUntil = startedAt + this.#ttlMs - this.#beatMs / 2;
    this.#watchExpiry(cluster, state);
  }

  #watchExpiry(cluster: string, state: ClusterState): void {
    clearTimeout(state.expiry);
    if (!state.held) return;
    const left = state.validUntil - performance.now();
    if (left <= 0) {
      void this.#lose(cluster, state, 'its lease ran out unrenewed');
      return;
    }
    // a timer may fire a fraction of a millisecond early: it looks again then
    state.expiry = setTimeout(
      () => this.#watchExpiry(cluster, state),
      Math.ceil(left),
    );
    state.expiry.unref?.();
  }

  #lose(cluster: string, state: ClusterState, why: string): Promise<void> {
    if (!state.held) return state.losing ?? Promise.resolve();
    state.held = false;
    clearTimeout(state.expiry);
    this.#options.logger.info(
      `This replica (${this.owner}) stops watching cluster '${cluster}': ${why}`,
    );
    const losing = Promise.all(
      state.works.map(w =>
        w
          .stop()
          .catch(error =>
            this.#options.logger.warn(
              `Stopping the watches of cluster '${cluster}' failed: ${error}`,
            ),
          ),
      ),
    ).then(() => undefined);
    const done: Promise<void> = losing.finally(() => {
      if (state.losing === done) state.losing = undefined;
    });
    state.losing = done;
    return done;
  }
}
