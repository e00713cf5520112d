/*
 * Ingestion benchmark: N synthetic PipelineRuns (3 TaskRuns each) served by the local
 * Kubernetes-protocol server, ingested through the real provider path (client-node informers →
 * RunAssembler → DatabaseDeliveryStore on SQLite), against a baseline measured in the same run:
 * raw better-sqlite3 prepared inserts of the same rows in one transaction.
 *
 *   npm run bench:ingest -- --runs 2000 --repeat 5
 *
 * Prints one JSON object. Figures are medians over the repeats.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import Database from 'better-sqlite3';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseDeliveryStore } from '../../delivery-backend/src/database/DatabaseDeliveryStore';
import { runToRow, taskToRow } from '../../delivery-backend/src/database/rows';
import { TektonClusterIngestor } from '../src/provider/TektonClusterIngestor';
import { pipelineRunWithTasks } from '../src/provider/testObjects';
import {
  pipelineRunToRecord,
  TektonPipelineRun,
  TektonTaskRun,
} from '../src/tekton';
import { FakeKubeApiServer } from '../src/testing';

/** Warnings go to stderr so stdout stays one JSON object. */
const logger: LoggerService = {
  error: message => process.stderr.write(`${message}\n`),
  warn: message => process.stderr.write(`${message}\n`),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function sqlite(file: string): Promise<Knex> {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
}

async function providerPath(
  server: FakeKubeApiServer,
  runs: number,
  dir: string,
  i: number,
) {
  const knex = await sqlite(join(dir, `provider-${i}.sqlite`));
  const store = await DatabaseDeliveryStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const ingestor = new TektonClusterIngestor({
    cluster: {
      name: 'bench',
      url: server.url,
      serviceAccountToken: server.token,
      skipTLSVerify: true,
    },
    kubeConfig: server.kubeConfig(),
    sink: store,
    logger,
    flushDelayMs: 50,
  });
  const started = process.hrtime.bigint();
  await ingestor.start();
  for (;;) {
    const [{ count }] = await knex('delivery_runs').count({ count: '*' });
    if (Number(count) >= runs) break;
    await new Promise(r => setTimeout(r, 10));
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await ingestor.stop();
  await knex.destroy();
  return ms;
}

async function baseline(
  records: ReturnType<typeof pipelineRunToRecord>[],
  dir: string,
  i: number,
) {
  const file = join(dir, `baseline-${i}.sqlite`);
  const knex = await sqlite(file);
  await DatabaseDeliveryStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  await knex.destroy();
  const db = new Database(file);
  const runRows = records.map(runToRow);
  const taskRows = records.flatMap(r => r.tasks.map(t => taskToRow(r.uid, t)));
  const toSql = (v: unknown) => {
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'boolean') return Number(v);
    return v;
  };
  const insert = (table: string, row: object) => {
    const cols = Object.keys(row);
    return db.prepare(
      `INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols
        .map(() => '?')
        .join(',')})`,
    );
  };
  const started = process.hrtime.bigint();
  const insertRun = insert('delivery_runs', runRows[0]);
  const insertTask = insert('delivery_tasks', taskRows[0]);
  db.transaction(() => {
    for (const row of runRows) insertRun.run(Object.values(row).map(toSql));
    for (const row of taskRows) insertTask.run(Object.values(row).map(toSql));
  })();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  db.close();
  return ms;
}

async function main() {
  const runs = arg('runs', 2000);
  const repeat = arg('repeat', 5);
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  const server = await FakeKubeApiServer.start();
  const pipelineRuns: TektonPipelineRun[] = [];
  const taskRunsByRun: TektonTaskRun[][] = [];
  for (let i = 0; i < runs; i++) {
    const { pipelineRun, taskRuns } = pipelineRunWithTasks({
      name: `bench-${i}`,
      namespace: `ns-${i % 20}`,
      kubernetesId: `service-${i % 50}`,
      tasks: ['clone', 'build', 'test'],
      minute: i % 60,
    });
    taskRuns.forEach(t => server.put('taskruns', t));
    server.put('pipelineruns', pipelineRun);
    pipelineRuns.push(pipelineRun as TektonPipelineRun);
    taskRunsByRun.push(taskRuns as TektonTaskRun[]);
  }
  const records = pipelineRuns.map((r, i) =>
    pipelineRunToRecord(r, { cluster: 'bench', taskRuns: taskRunsByRun[i] }),
  );

  const providerMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    providerMs.push(await providerPath(server, runs, dir, i));
    baselineMs.push(await baseline(records, dir, i));
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });

  const p = median(providerMs);
  const b = median(baselineMs);
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'tekton-ingest',
        runs,
        taskRunsPerRun: 3,
        repeat,
        node: process.version,
        provider: {
          medianMs: Math.round(p),
          runsPerSecond: Math.round((runs / p) * 1000),
          samplesMs: providerMs.map(Math.round),
        },
        baselineRawSqlite: {
          medianMs: Math.round(b),
          runsPerSecond: Math.round((runs / b) * 1000),
          samplesMs: baselineMs.map(Math.round),
        },
        ratioProviderToBaseline: Number((p / b).toFixed(1)),
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
