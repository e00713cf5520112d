/*
 * DORA benchmark: one year of synthetic history for N services (bench/generate/doraData.ts,
 * seeded) written into a migrated Slipway database, then DORA computed through the function the
 * API routes call (`doraReport`: bounded store read + engine) for
 *   - one service over the year (p50/p95 over 20 different services),
 *   - one service over the last 30 days of it (the UI default; reads the lookback),
 * and through what the roll-up route calls (`pooledDoraSummary`: 50 entities per read, pooled
 * partials, no drill-down) for
 *   - a pooled roll-up of 1,000 services over the year (p50/p95 over the repeats, peak heap),
 * on SQLite (a file in a temp dir) and PostgreSQL (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
 * a scratch database created and dropped here), against baselines measured in the same run: an
 * indexed COUNT of the same deployments in the window, and a raw read of the same rows.
 *
 *   npm run bench:dora -- --services 2000 --repeat 5 --db both
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DatabaseDeliveryStore } from '../src/database/DatabaseDeliveryStore';
import { DoraOptions, DoraWindow } from '../src/dora';
import { DatabaseEventsStore } from '../src/events/DatabaseEventsStore';
import { doraReport, pooledDoraSummary } from '../src/service/doraReport';
import { benchServices, DoraDataOptions } from './generate/doraData';
import { writeDoraData } from './generate/writeDoraData';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const log = (message: string) => process.stderr.write(`${message}\n`);
const DAY = 86_400_000;
const FROM = new Date('2026-01-01T00:00:00Z');
const YEAR: DoraWindow = {
  from: FROM,
  to: new Date(FROM.getTime() + 365 * DAY),
};
const LAST_30: DoraWindow = {
  from: new Date(YEAR.to.getTime() - 30 * DAY),
  to: YEAR.to,
};
const OPTIONS: DoraOptions = { productionEnvironments: ['production', 'prod'] };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
};
const round = (x: number) => Math.round(x * 10) / 10;
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

/** An indexed COUNT of the entities' deployments in the window (the cheapest honest query). */
function baselineCount(knex: Knex, refs: string[], window: DoraWindow) {
  return knex('delivery_deployments')
    .whereIn('entity_ref', refs)
    .where('finished_at', '>=', window.from)
    .where('finished_at', '<', window.to)
    .count({ n: '*' });
}

/** A raw read of the rows the window needs at least: its deployments, incidents and commits. */
async function baselineRead(knex: Knex, refs: string[], window: DoraWindow) {
  const inWindow = (table: string, column: string) =>
    knex(table)
      .whereIn('entity_ref', refs)
      .where(column, '>=', window.from)
      .where(column, '<', window.to);
  const [d, c, i] = await Promise.all([
    inWindow('delivery_deployments', 'finished_at'),
    inWindow('delivery_changes', 'authored_at'),
    inWindow('delivery_incidents', 'started_at'),
  ]);
  return d.length + c.length + i.length;
}

function summary(ms: number[], count: number[], read: number[]) {
  const p50 = percentile(ms, 0.5);
  return {
    p50Ms: round(p50),
    p95Ms: round(percentile(ms, 0.95)),
    baselineCountP50Ms: round(percentile(count, 0.5)),
    baselineReadP50Ms: round(percentile(read, 0.5)),
    ratioToCount: round(p50 / percentile(count, 0.5)),
    ratioToRead: round(p50 / percentile(read, 0.5)),
    samples: ms.length,
  };
}

async function oneService(
  knex: Knex,
  events: DatabaseEventsStore,
  refs: string[],
  window: DoraWindow,
) {
  await doraReport(events, [refs[0]], window, OPTIONS); // warm-up
  const ms: number[] = [];
  const count: number[] = [];
  const read: number[] = [];
  let deployments = 0;
  for (const ref of refs) {
    const [t, { report }] = await timed(() =>
      doraReport(events, [ref], window, OPTIONS),
    );
    ms.push(t);
    deployments += report.deploymentCount;
    count.push((await timed(() => baselineCount(knex, [ref], window)))[0]);
    read.push((await timed(() => baselineRead(knex, [ref], window)))[0]);
  }
  return {
    ...summary(ms, count, read),
    meanDeploymentCount: Math.round(deployments / refs.length),
  };
}

/** Peak V8 heap while `fn` runs, sampled every 50 ms (GiB). */
async function peakHeap<T>(fn: () => Promise<T>): Promise<[number, T]> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 50);
  try {
    const value = await fn();
    return [Math.max(peak, process.memoryUsage().heapUsed) / 2 ** 30, value];
  } finally {
    clearInterval(timer);
  }
}

/**
 * One roll-up through `pooledDoraSummary` (what `GET /dora` answers without `drillDown=true`:
 * chunks of entities, pooled partials, no drill-down); what it answered is summed up after the
 * clock.
 */
async function rollupOnce(events: DatabaseEventsStore, refs: string[]) {
  global.gc?.();
  const [heapGiB, [ms, report]] = await peakHeap(() =>
    timed(() => pooledDoraSummary(events, refs, YEAR, OPTIONS)),
  );
  return {
    ms,
    facts: {
      peakHeapGiB: round(heapGiB),
      deploymentCount: report.deploymentCount,
      leadTimeSampleCount: report.leadTimeSampleCount,
      leadTimeMedianHours: round((report.leadTimeMedianSeconds ?? 0) / 3600),
      changeFailureRate: round((report.changeFailureRate ?? 0) * 1000) / 1000,
      responseMegabytes: round(JSON.stringify(report).length / 1e6),
    },
  };
}

async function rollup(
  knex: Knex,
  events: DatabaseEventsStore,
  refs: string[],
  repeat: number,
) {
  const ms: number[] = [];
  const count: number[] = [];
  const read: number[] = [];
  let facts = {};
  for (let i = 0; i < repeat; i++) {
    // the baselines first, so neither side runs while the other's rows are still in memory
    count.push((await timed(() => baselineCount(knex, refs, YEAR)))[0]);
    read.push((await timed(() => baselineRead(knex, refs, YEAR)))[0]);
    const once = await rollupOnce(events, refs);
    ms.push(once.ms);
    facts = once.facts;
    log(
      `  roll-up ${i + 1}/${repeat}: ${Math.round(
        once.ms,
      )} ms (raw read ${Math.round(read[i])} ms)`,
    );
  }
  return { services: refs.length, ...summary(ms, count, read), ...facts };
}

async function openDatabase(kind: string, dir: string) {
  if (kind === 'sqlite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'dora.sqlite') },
      useNullAsDefault: true,
    });
    await knex.raw('PRAGMA journal_mode = WAL');
    await knex.raw('PRAGMA synchronous = OFF'); // a scratch file: the load need not be durable
    return { knex, drop: async () => knex.destroy() };
  }
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url)
    throw new Error('Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
  const name = `slipway_dora_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: target.toString() });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

async function run(kind: string, data: DoraDataOptions, repeat: number) {
  const dir = mkdtempSync(join(os.tmpdir(), 'slipway-dora-bench-'));
  const { knex, drop } = await openDatabase(kind, dir);
  try {
    await DatabaseDeliveryStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const events = new DatabaseEventsStore(knex);
    log(`${kind}: writing ${data.services} services…`);
    const written = await writeDoraData(knex, data);
    await knex.raw('ANALYZE');
    log(`${kind}: written in ${Math.round(written.ms / 1000)} s`);
    const refs = benchServices(data).map(s => s.entityRef);
    const step = Math.max(1, Math.floor(refs.length / 20));
    const singles = refs.filter((_, i) => i % step === 0).slice(0, 20);
    const oneServiceYear = await oneService(knex, events, singles, YEAR);
    log(`${kind}: one service/year p50 ${oneServiceYear.p50Ms} ms`);
    const oneService30Days = await oneService(knex, events, singles, LAST_30);
    const rollupYear = await rollup(knex, events, refs.slice(0, 1000), repeat);
    return { written, oneServiceYear, oneService30Days, rollupYear };
  } finally {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const data: DoraDataOptions = {
    services: Number(arg('services', '2000')),
    seed: Number(arg('seed', '1')),
    from: FROM,
    days: 365,
  };
  const repeat = Number(arg('repeat', '5'));
  const db = arg('db', 'both');
  const kinds = db === 'both' ? ['sqlite', 'postgres'] : [db];
  const results: Record<string, unknown> = {};
  for (const kind of kinds) results[kind] = await run(kind, data, repeat);
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'dora',
        node: process.version,
        machine: {
          cpus: os.cpus().length,
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        },
        services: data.services,
        seed: data.seed,
        window: { from: YEAR.from.toISOString(), to: YEAR.to.toISOString() },
        repeat,
        results,
      },
      null,
      2,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
