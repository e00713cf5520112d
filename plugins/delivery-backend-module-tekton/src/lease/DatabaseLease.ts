import type { Knex } from 'knex';

/** The table the delivery backend's migrations create for leases (`20261208010000_replicas`). */
export const LEASE_TABLE = 'delivery_leases';

/**
 * The database's clock in ms since the epoch, as SQL: every replica compares lease times on the
 * same clock, so skewed replica clocks cannot make two replicas hold one lease.
 */
function dbNowMs(knex: Knex): Knex.Raw {
  switch (knex.client.dialect) {
    case 'postgresql':
      return knex.raw(
        'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)',
      );
    case 'sqlite3':
      return knex.raw(
        "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)",
      );
    default:
      // other databases: this replica's clock
      return knex.raw('?', [Date.now()]);
  }
}

/**
 * One named lease in the database: at most one owner at a time, until `expires_at` (database
 * time). The owner extends it with {@link DatabaseLease.renew}; anyone takes it once it has
 * expired ({@link DatabaseLease.tryAcquire}).
 */
export class DatabaseLease {
  constructor(
    private readonly knex: Knex,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease when it is free, expired or already ours; true when ours now. */
  async tryAcquire(): Promise<boolean> {
    const { knex } = this;
    const now = dbNowMs(knex);
    const rows: Array<{ owner: string }> = await knex(LEASE_TABLE)
      .insert({
        name: this.name,
        owner: this.owner,
        acquired_at: now,
        expires_at: knex.raw('? + ?', [now, this.ttlMs]),
      })
      .onConflict('name')
      .merge({
        owner: knex.raw('excluded.owner'),
        acquired_at: knex.raw(
          `CASE WHEN ${LEASE_TABLE}.owner = excluded.owner THEN ${LEASE_TABLE}.acquired_at ELSE excluded.acquired_at END`,
        ),
        expires_at: knex.raw('excluded.expires_at'),
      })
      .where(
        knex.raw(
          `${LEASE_TABLE}.owner = excluded.owner OR ${LEASE_TABLE}.expires_at < excluded.acquired_at`,
        ),
      )
      .returning('owner');
    return rows.length === 1 && rows[0].owner === this.owner;
  }

  /** Extends our lease by the time to live; false when it is no longer ours. */
  async renew(): Promise<boolean> {
    const { knex } = this;
    const updated = await knex(LEASE_TABLE)
      .where({ name: this.name, owner: this.owner })
      .update({ expires_at: knex.raw('? + ?', [dbNowMs(knex), this.ttlMs]) });
    return updated === 1;
  }

  /** Gives the lease up (when ours), so that another replica takes it at once. */
  async release(): Promise<void> {
    await this.knex(LEASE_TABLE)
      .where({ name: this.name, owner: this.owner })
      .delete();
  }

  /** Who holds the lease now (an expired one counts as held until taken), if anyone. */
  async holder(): Promise<string | undefined> {
    const row = await this.knex(LEASE_TABLE)
      .where({ name: this.name })
      .first('owner');
    return row?.owner;
  }
}
