import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A database made for one benchmark and thrown away after it. */
export interface ScratchDatabase {
  kind: 'sqlite' | 'postgres';
  knex: Knex;
  drop(): Promise<void>;
}

/** A SQLite file in a fresh temp directory. */
export async function scratchSqlite(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'delivery.sqlite') },
    useNullAsDefault: true,
  });
  await knex.raw('PRAGMA journal_mode = WAL');
  await knex.raw('PRAGMA synchronous = NORMAL');
  return {
    kind: 'sqlite',
    knex,
    drop: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new database on the PostgreSQL server of
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, dropped afterwards.
 */
export async function scratchPostgres(label: string): Promise<ScratchDatabase> {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'PostgreSQL figures need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (see docs/benchmarks.md)',
    );
  }
  const name = `slipway_bench_${label}_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const knex = knexFactory({
    client: 'pg',
    connection: target.toString(),
    pool: { min: 0, max: 10 },
  });
  return {
    kind: 'postgres',
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}
