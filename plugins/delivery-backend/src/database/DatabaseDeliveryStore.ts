import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  PipelineRunPage,
  PipelineRunWithTasks,
  RunStatus,
} from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import { Knex } from 'knex';
import { deploymentRow } from '../events/DatabaseEventsStore';
import { deploymentsFromRun } from '../events/deploymentsFromRun';
import { decodeRunCursor, encodeRunCursor } from './cursor';
import { DeliveryStore, ListRunsQuery, RunFact } from './DeliveryStore';
import {
  RunRow,
  TaskRow,
  rowToRun,
  rowToTask,
  runToRow,
  taskToRow,
  toDate,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@slipway/plugin-delivery-backend',
  'migrations',
);

/** Rows per multi-row insert; keeps bind variables well under SQLite's limit. */
const CHUNK = 200;

/** Statuses a run or task does not leave (unless a newer version says so). */
const FINISHED = `('succeeded', 'failed', 'cancelled', 'timedOut')`;

/** One order for every writer (sorted here, not by the database), so replicas lock rows alike. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Whether an upsert's incoming row (`excluded`) may overwrite the stored one in `table`:
 *
 * - the stored row has no version (written before versions, or by a provider without them);
 * - both have a numeric order: a higher one wins; an equal one too, unless it would set a
 *   finished row back to unfinished;
 * - otherwise (an opaque version, or none incoming) they are only compared for equality: the same
 *   version is rewritten, a different one is applied unless it would set a finished row back
 *   to unfinished.
 *
 * So records without versions stay last-writer-wins among themselves, and a finished run is never
 * reverted to running by an update that is not provably newer.
 */
function newerWrite(table: string): string {
  const reverts = `(${table}.status IN ${FINISHED} AND excluded.status NOT IN ${FINISHED})`;
  return `(${table}.source_version IS NULL AND ${table}.source_order IS NULL)
    OR (excluded.source_order IS NOT NULL AND ${table}.source_order IS NOT NULL AND (
      excluded.source_order > ${table}.source_order
      OR (excluded.source_order = ${table}.source_order AND NOT ${reverts})))
    OR ((excluded.source_order IS NULL OR ${table}.source_order IS NULL) AND (
      excluded.source_version = ${table}.source_version OR NOT ${reverts}))`;
}

/**
 * The columns an upsert sets from the incoming row; an incoming row without a version keeps the
 * stored one, so that a later, older versioned write is still recognised as older.
 */
function mergeColumns(
  db: Knex,
  table: string,
  sample: object,
): Record<string, Knex.Raw> {
  const columns: Record<string, Knex.Raw> = {};
  for (const column of Object.keys(sample)) {
    columns[column] =
      column === 'source_version' || column === 'source_order'
        ? db.raw('COALESCE(excluded.??, ??.??)', [column, table, column])
        : db.raw('excluded.??', [column]);
  }
  return columns;
}

/**
 * The knex-backed {@link DeliveryStore}, on SQLite or PostgreSQL.
 */
export class DatabaseDeliveryStore implements DeliveryStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeliveryStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDeliveryStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Stores runs and their tasks in one transaction, ordered by source version (see
   * {@link newerWrite}): a run or task whose stored version is newer is left as it is. Tasks
   * are upserted by `(run_uid, name)`; an unversioned record's task list replaces the run's
   * stored tasks, a versioned one's only adds and updates (history stays when the provider no
   * longer holds a run's children). Rows are written in key order, so that concurrent writers
   * (replicas) lock them in the same order and cannot deadlock.
   */
  async upsertRuns(runs: PipelineRunRecord[]): Promise<void> {
    if (runs.length === 0) {
      return;
    }
    // one record per uid (the last one given), in uid order
    const byUid = new Map(runs.map(r => [r.uid, r]));
    const sorted = [...byUid.values()].sort((a, b) => compare(a.uid, b.uid));
    await this.db.transaction(async tx => {
      const applied = new Set<string>();
      const runRows = sorted.map(runToRow);
      for (let i = 0; i < runRows.length; i += CHUNK) {
        const written: Array<{ uid: string }> = await tx<RunRow>(
          'delivery_runs',
        )
          .insert(runRows.slice(i, i + CHUNK))
          .onConflict('uid')
          .merge(mergeColumns(tx, 'delivery_runs', runRows[0]))
          .where(tx.raw(newerWrite('delivery_runs')))
          .returning('uid');
        written.forEach(row => applied.add(row.uid));
      }
      // A finished run to an environment, or each finished deploy task of a run, is also a
      // deployment attempt (DORA.md); versioned tasks may finish while their run's write is stale
      const deployments = sorted
        .flatMap(r =>
          applied.has(r.uid) || r.taskSourceVersions
            ? deploymentsFromRun(r, { tasksOnly: !applied.has(r.uid) })
            : [],
        )
        .map(d => deploymentRow(d, 'run'))
        .sort((a, b) => compare(String(a.id), String(b.id)));
      for (let i = 0; i < deployments.length; i += CHUNK) {
        await tx('delivery_deployments')
          .insert(deployments.slice(i, i + CHUNK))
          .onConflict('id')
          .merge();
      }
      // versioned records: every task on its own version; unversioned ones: only when applied
      const withTasks = sorted.filter(
        r => r.taskSourceVersions || applied.has(r.uid),
      );
      const taskRows = withTasks
        .flatMap(r => {
          const tasks = new Map(r.tasks.map(t => [t.name, t]));
          return [...tasks.values()].map(t =>
            taskToRow(r.uid, t, r.taskSourceVersions?.[t.name]),
          );
        })
        .sort(
          (a, b) => compare(a.run_uid, b.run_uid) || compare(a.name, b.name),
        );
      for (let i = 0; i < taskRows.length; i += CHUNK) {
        await tx<TaskRow>('delivery_tasks')
          .insert(taskRows.slice(i, i + CHUNK))
          .onConflict(['run_uid', 'name'])
          .merge(mergeColumns(tx, 'delivery_tasks', taskRows[0]))
          .where(tx.raw(newerWrite('delivery_tasks')));
      }
      // an unversioned record lists the run's tasks in full: drop the ones it no longer lists
      const replaced = withTasks.filter(r => !r.taskSourceVersions);
      for (let i = 0; i < replaced.length; ) {
        const batch: PipelineRunRecord[] = [];
        let keys = 0;
        while (i < replaced.length && batch.length < CHUNK && keys < CHUNK) {
          batch.push(replaced[i]);
          keys += replaced[i++].tasks.length;
        }
        await tx('delivery_tasks')
          .whereIn(
            'run_uid',
            batch.map(r => r.uid),
          )
          .whereNotIn(
            ['run_uid', 'name'],
            batch.flatMap(r => r.tasks.map(t => [r.uid, t.name])),
          )
          .delete();
      }
    });
  }

  async listRuns(query: ListRunsQuery): Promise<PipelineRunPage> {
    const q = this.db<RunRow>('delivery_runs').where(
      'entity_ref',
      query.entityRef,
    );
    if (query.status?.length) {
      q.whereIn('status', query.status);
    }
    if (query.pipeline) {
      q.where('pipeline_name', query.pipeline);
    }
    if (query.branch) {
      q.where('branch', query.branch);
    }
    if (query.provider) {
      q.where('provider', query.provider);
    }
    if (query.since) {
      q.where('sort_at', '>=', query.since);
    }
    const order = query.order ?? 'desc';
    const after = order === 'desc' ? '<' : '>';
    if (query.cursor) {
      const { sortAt, uid } = decodeRunCursor(query.cursor);
      q.where(inner =>
        inner
          .where('sort_at', after, sortAt)
          .orWhere(tie =>
            tie.where('sort_at', '=', sortAt).andWhere('uid', after, uid),
          ),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'sort_at', order },
        { column: 'uid', order },
      ])
      .limit(query.limit + 1);

    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const summaries = await this.taskSummaries(page.map(r => r.uid));
    return {
      items: page.map(row => ({
        ...rowToRun(row),
        taskSummary: summaries.get(row.uid) ?? {},
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeRunCursor({ sortAt: toDate(last.sort_at), uid: last.uid })
          : undefined,
    };
  }

  /** Task counts per status for the given runs: one grouped query per page. */
  private async taskSummaries(uids: string[]) {
    const summaries = new Map<string, Partial<Record<RunStatus, number>>>();
    if (uids.length === 0) {
      return summaries;
    }
    const rows = await this.db<TaskRow>('delivery_tasks')
      .whereIn('run_uid', uids)
      .groupBy('run_uid', 'status')
      .select('run_uid', 'status')
      .count({ n: '*' });
    for (const row of rows as Array<{
      run_uid: string;
      status: RunStatus;
      n: number | string;
    }>) {
      const summary = summaries.get(row.run_uid) ?? {};
      summary[row.status] = Number(row.n);
      summaries.set(row.run_uid, summary);
    }
    return summaries;
  }

  async getRun(uid: string): Promise<PipelineRunWithTasks | undefined> {
    const row = await this.db<RunRow>('delivery_runs')
      .where('uid', uid)
      .first();
    if (!row) {
      return undefined;
    }
    const tasks = await this.db<TaskRow>('delivery_tasks')
      .where('run_uid', uid)
      .orderBy([
        { column: 'started_at', order: 'asc', nulls: 'last' },
        { column: 'name', order: 'asc' },
      ]);
    return { ...rowToRun(row), tasks: tasks.map(rowToTask) };
  }

  async listPipelines(entityRef: string, scan: number) {
    const rows: Array<
      Pick<RunRow, 'uid' | 'provider' | 'pipeline_name' | 'sort_at'>
    > = await this.db<RunRow>('delivery_runs')
      .where('entity_ref', entityRef)
      .whereNotNull('pipeline_name')
      .orderBy([
        { column: 'sort_at', order: 'desc' },
        { column: 'uid', order: 'desc' },
      ])
      .limit(scan)
      .select('uid', 'provider', 'pipeline_name', 'sort_at');
    const newest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      const key = `${row.provider}\u0000${row.pipeline_name}`;
      if (!newest.has(key)) newest.set(key, row);
    }
    return [...newest.values()].map(row => ({
      provider: row.provider,
      pipelineName: row.pipeline_name!,
      latestRunUid: row.uid,
      latestRunAt: toDate(row.sort_at),
    }));
  }

  async listRunFacts(
    entityRef: string,
    from: Date,
    to: Date,
  ): Promise<RunFact[]> {
    const rows = await this.db<RunRow>('delivery_runs')
      .where('entity_ref', entityRef)
      .where('sort_at', '>=', from)
      .where('sort_at', '<', to)
      .select(
        'uid',
        'pipeline_name',
        'name',
        'status',
        'reason',
        'duration_seconds',
        'sort_at',
      );
    const failedUids = rows.filter(r => r.status === 'failed').map(r => r.uid);
    const failedTasks = new Map<string, string>();
    for (let i = 0; i < failedUids.length; i += CHUNK) {
      const tasks = await this.db<TaskRow>('delivery_tasks')
        .whereIn('run_uid', failedUids.slice(i, i + CHUNK))
        .whereIn('status', ['failed', 'timedOut'])
        .orderBy([
          { column: 'started_at', order: 'asc', nulls: 'last' },
          { column: 'name', order: 'asc' },
        ])
        .select('run_uid', 'pipeline_task_name', 'reason');
      for (const task of tasks) {
        if (!failedTasks.has(task.run_uid)) {
          failedTasks.set(
            task.run_uid,
            `${task.pipeline_task_name}: ${task.reason ?? 'Failed'}`,
          );
        }
      }
    }
    return rows.map(row => ({
      pipelineName: row.pipeline_name ?? row.name,
      startedAt: toDate(row.sort_at),
      status: row.status as RunFact['status'],
      reason: row.reason ?? undefined,
      durationSeconds: row.duration_seconds ?? undefined,
      failedTask: failedTasks.get(row.uid),
    }));
  }

  async assignEntitiesByKubernetesId(
    mapping: ReadonlyMap<string, string>,
  ): Promise<number> {
    let changed = 0;
    for (const [kubernetesId, entityRef] of mapping) {
      changed += await this.db('delivery_runs')
        .where('kubernetes_id', kubernetesId)
        .where(q =>
          q.whereNull('entity_ref').orWhere('entity_ref', '<>', entityRef),
        )
        .update({ entity_ref: entityRef });
    }
    return changed;
  }

  async listUnassignedRuns(afterUid: string | undefined, limit: number) {
    const q = this.db<RunRow>('delivery_runs').whereNull('entity_ref');
    if (afterUid) {
      q.where('uid', '>', afterUid);
    }
    const rows = await q
      .orderBy('uid')
      .limit(limit)
      .select('uid', 'namespace', 'details');
    return rows.map(row => ({
      uid: row.uid,
      namespace: row.namespace ?? undefined,
      labels: (JSON.parse(row.details) as { labels?: Record<string, string> })
        .labels,
    }));
  }

  async assignEntity(uids: string[], entityRef: string): Promise<void> {
    for (let i = 0; i < uids.length; i += CHUNK) {
      await this.db('delivery_runs')
        .whereIn('uid', uids.slice(i, i + CHUNK))
        .update({ entity_ref: entityRef });
    }
  }
}
