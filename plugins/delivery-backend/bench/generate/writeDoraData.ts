/*
 * Writes generated DORA history into a migrated Slipway database (SQLite or PostgreSQL) with
 * multi-row INSERTs, several services per transaction.
 */
import { Knex } from 'knex';
import { DoraDataOptions, generateDoraData, ServiceRows } from './doraData';

/** Bound parameters per statement (under SQLite's 32,766 and PostgreSQL's 65,535). */
const MAX_PARAMS = 30_000;

async function insertRows(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    await tx.raw(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part
        .map(() => tuple)
        .join(', ')}`,
      part.flatMap(row => columns.map(c => row[c] as Knex.Value)),
    );
  }
}

/** How many rows were written, and how long it took. */
export interface WriteSummary {
  services: number;
  deployments: number;
  changes: number;
  incidents: number;
  ms: number;
}

/**
 * Generates the data set of `options` and writes it, `servicesPerTransaction` services per
 * transaction; changes are written in push order, so their `seq` is the push order.
 */
export async function writeDoraData(
  knex: Knex,
  options: DoraDataOptions,
  servicesPerTransaction = 25,
): Promise<WriteSummary> {
  const started = Date.now();
  const summary: WriteSummary = {
    services: 0,
    deployments: 0,
    changes: 0,
    incidents: 0,
    ms: 0,
  };
  let batch: ServiceRows[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    await knex.transaction(async tx => {
      await insertRows(
        tx,
        'delivery_deployments',
        rows.flatMap(r => r.deployments),
      );
      await insertRows(
        tx,
        'delivery_changes',
        rows.flatMap(r => r.changes),
      );
      await insertRows(
        tx,
        'delivery_incidents',
        rows.flatMap(r => r.incidents),
      );
    });
  };
  for (const rows of generateDoraData(options)) {
    summary.services += 1;
    summary.deployments += rows.deployments.length;
    summary.changes += rows.changes.length;
    summary.incidents += rows.incidents.length;
    batch.push(rows);
    if (batch.length >= servicesPerTransaction) await flush();
  }
  if (batch.length > 0) await flush();
  summary.ms = Date.now() - started;
  return summary;
}
