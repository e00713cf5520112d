import { Knex } from 'knex';
import { progress } from '../lib/log';
import { runRows } from './runRows';

/** Runs generated and written at a time. */
const BATCH = 20_000;

/**
 * Rows per INSERT: SQLite allows 500 terms in the compound SELECT knex builds for a multi-row
 * insert; both allow 30,000 bound parameters (SQLite 32,766, PostgreSQL 65,535).
 */
function rowsPerStatement(tx: Knex.Transaction, row: object) {
  const byParams = Math.floor(30_000 / Object.keys(row).length);
  return tx.client.config.client === 'pg' ? byParams : Math.min(500, byParams);
}

/** Inserts rows the way the store does (knex builder, so values are encoded alike). */
async function insertChunked(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
) {
  const chunk = rows.length ? rowsPerStatement(tx, rows[0]) : 1;
  for (let i = 0; i < rows.length; i += chunk) {
    await tx(table).insert(rows.slice(i, i + chunk));
  }
}

/**
 * Writes `services × runsPerService` runs (and the tasks of one run in ten) into a migrated
 * database with multi-row INSERTs, then refreshes the planner statistics.
 */
export async function writeRuns(
  knex: Knex,
  services: number,
  runsPerService: number,
) {
  const started = Date.now();
  const total = services * runsPerService;
  let tasks = 0;
  for (let from = 0; from < total; from += BATCH) {
    const runs: Array<Record<string, unknown>> = [];
    const taskRows: Array<Record<string, unknown>> = [];
    for (let n = from; n < Math.min(total, from + BATCH); n++) {
      const rows = runRows(n % services, Math.floor(n / services));
      runs.push(rows.run);
      taskRows.push(...rows.tasks);
    }
    tasks += taskRows.length;
    await knex.transaction(async tx => {
      await insertChunked(tx, 'delivery_runs', runs);
      await insertChunked(tx, 'delivery_tasks', taskRows);
    });
    if ((from / BATCH) % 10 === 0)
      progress(`  ${from + runs.length} runs written`);
  }
  await knex.raw('ANALYZE');
  return { runs: total, tasks, ms: Date.now() - started };
}
