import { Knex } from 'knex';
import { toDate } from '../database/rows';
import { productionTier } from '../dora';
import { DoraRecords, DoraRecordScope } from './EventsStore';
import {
  recordColumns,
  RecordRows,
  Row,
  rowsOf,
  rule1Sql,
  whereRule1,
} from './doraRows';

/** Entities per round of queries (each entity may add one OR term to a query). */
const CHUNK = 100;
const ID_CHUNK = 500;

/** What an entity's history before the window contributes, found by indexed lookups. */
interface Lookback {
  /** Records from here on are read in full: min(from, previous deployment, incident causes). */
  start: Date;
  /** Whether a rule-1 deployment finished before `from`. */
  deployedBefore: boolean;
  /** The rule-1 deployment before `from` whose head commit is latest in push order. */
  maxHeadId?: string;
  /** Push order up to which commits were shipped before `from` (that head's order). */
  shippedSeq?: number;
}

type Where = (builder: Knex.QueryBuilder) => void;

/** `(term₁) OR (term₂) …` as one where clause (matches nothing without terms). */
function anyOf(terms: Where[]): Where {
  return builder => {
    if (terms.length === 0) builder.whereRaw('1 = 0');
    for (const term of terms) builder.orWhere(term);
  };
}

/** Refs grouped by their lookback start, one `IN` term per distinct start. */
function byStart(lookbacks: Map<string, Lookback>) {
  const groups = new Map<number, string[]>();
  for (const [ref, l] of lookbacks) {
    groups.set(l.start.getTime(), [
      ...(groups.get(l.start.getTime()) ?? []),
      ref,
    ]);
  }
  return [...groups];
}

/**
 * Reads the records DORA.md's rules need for windows starting at `from`, for a chunk of
 * entities: everything from each entity's lookback start on, plus the few older records that
 * decide in-window numbers (see {@link loadDoraRecords}).
 */
class ChunkLoader {
  constructor(
    private readonly db: Knex,
    private readonly refs: string[],
    private readonly from: Date,
    private readonly tier: string[],
    private readonly rows: RecordRows,
  ) {}

  async load() {
    const lookbacks = await this.lookbacks();
    await this.openIncidents(lookbacks);
    const starts = byStart(lookbacks);
    this.rows.addDeployments(
      await this.fromStart('deployments', 'finished_at', starts),
    );
    this.rows.addIncidents(
      await this.fromStart('incidents', 'started_at', starts),
    );
    await this.rollbackTargets(lookbacks);
    await this.shippedHeads(lookbacks);
    await this.changes(lookbacks);
  }

  /** The rows of `table` whose `column` is at or after their entity's lookback start. */
  private fromStart(
    table: 'deployments' | 'incidents',
    column: string,
    starts: Array<[number, string[]]>,
  ) {
    return this.db(`delivery_${table}`)
      .select(recordColumns[table]())
      .where(
        anyOf(
          starts.map(
            ([at, refs]) =>
              b =>
                b.whereIn('entity_ref', refs).where(column, '>=', new Date(at)),
          ),
        ),
      );
  }

  /** Per entity: the previous rule-1 deployment and the one with the latest head (one query). */
  private async lookbacks(): Promise<Map<string, Lookback>> {
    const r1 = rule1Sql('d', this.tier);
    const result = await this.db.raw(
      `WITH refs(entity_ref) AS (VALUES ${this.refs
        .map(() => '(?)')
        .join(', ')})
       SELECT r.entity_ref,
         (SELECT d.finished_at FROM delivery_deployments d
           WHERE d.entity_ref = r.entity_ref AND d.finished_at < ? AND ${r1.sql}
           ORDER BY d.finished_at DESC LIMIT 1) AS prev_at,
         (SELECT d.id FROM delivery_deployments d
           JOIN delivery_changes c ON c.entity_ref = d.entity_ref AND c.sha = d.commit_sha
           WHERE d.entity_ref = r.entity_ref AND d.finished_at < ? AND ${r1.sql}
           ORDER BY c.seq DESC LIMIT 1) AS max_head_id
       FROM refs r`,
      [...this.refs, this.from, ...r1.bindings, this.from, ...r1.bindings],
    );
    const lookbacks = new Map<string, Lookback>();
    for (const row of rowsOf(result)) {
      const prev = row.prev_at === null ? undefined : toDate(row.prev_at);
      lookbacks.set(row.entity_ref, {
        start: prev ?? this.from,
        deployedBefore: prev !== undefined,
        maxHeadId: row.max_head_id ?? undefined,
      });
    }
    return lookbacks;
  }

  /**
   * Incidents open at `from` or resolved after it (rules 9, 10), and the deployment each one
   * is attributed to (its link, else the latest earlier one, lag aside): the lookback reaches it,
   * so a failed deployment before the window still gives its recovery sample.
   */
  private async openIncidents(lookbacks: Map<string, Lookback>) {
    const r1 = rule1Sql('d', this.tier);
    const result = await this.db.raw(
      `SELECT i.*, CASE WHEN i.caused_by_deployment_id IS NULL
         THEN (SELECT d.finished_at FROM delivery_deployments d
           WHERE d.entity_ref = i.entity_ref AND d.finished_at < i.started_at AND ${
             r1.sql
           }
           ORDER BY d.finished_at DESC LIMIT 1)
         ELSE (SELECT d.finished_at FROM delivery_deployments d
           WHERE d.id = i.caused_by_deployment_id AND ${r1.sql})
         END AS cause_at
       FROM delivery_incidents i
       WHERE i.entity_ref IN (${this.refs.map(() => '?').join(', ')})
         AND (i.resolved_at IS NULL OR i.resolved_at >= ?)`,
      [...r1.bindings, ...r1.bindings, ...this.refs, this.from],
    );
    const incidents = rowsOf(result);
    for (const row of incidents) {
      const lookback = lookbacks.get(row.entity_ref)!;
      const cause = row.cause_at === null ? undefined : toDate(row.cause_at);
      if (cause && cause < lookback.start) lookback.start = cause;
    }
    this.rows.addIncidents(incidents);
  }

  /**
   * Rule 11 compares a deployment with every earlier one of its entity: older rule-1 deployments
   * that shipped the version or commit of a deployment from `from` on, and the deployment whose
   * head is latest in push order (it bounds the push chain, rule 5).
   */
  private async rollbackTargets(lookbacks: Map<string, Lookback>) {
    const withHistory = [...lookbacks]
      .filter(([, l]) => l.deployedBefore)
      .map(([ref]) => ref);
    if (withHistory.length === 0) return;
    for (const column of ['version', 'commit_sha']) {
      const q = this.db('delivery_deployments as o')
        .distinct(recordColumns.deployments('o.'))
        .join('delivery_deployments as w', join =>
          join
            .on('w.entity_ref', '=', 'o.entity_ref')
            .andOn(`w.${column}`, '=', `o.${column}`),
        )
        .whereIn('w.entity_ref', withHistory)
        .where('w.finished_at', '>=', this.from)
        .where('o.finished_at', '<', this.from);
      whereRule1(q, 'w', this.tier);
      whereRule1(q, 'o', this.tier);
      this.rows.addDeployments(await q);
    }
    const maxHeadIds = [...lookbacks.values()].flatMap(l =>
      l.maxHeadId ? [l.maxHeadId] : [],
    );
    this.rows.addDeployments(
      await this.db('delivery_deployments')
        .select(recordColumns.deployments())
        .whereIn('id', maxHeadIds),
    );
  }

  /** The head commits of the latest-head deployments: their push order is `shippedSeq`. */
  private async shippedHeads(lookbacks: Map<string, Lookback>) {
    const ids = [...lookbacks.values()].flatMap(l =>
      l.maxHeadId ? [l.maxHeadId] : [],
    );
    if (ids.length === 0) return;
    const heads: Row[] = await this.headsOf(this.db('delivery_changes as c'))
      .select([...recordColumns.changes('c.'), 'd.id as head_of'])
      .whereIn('d.id', ids);
    const seqByDeployment = new Map(heads.map(h => [h.head_of, Number(h.seq)]));
    for (const lookback of lookbacks.values()) {
      lookback.shippedSeq = lookback.maxHeadId
        ? seqByDeployment.get(lookback.maxHeadId)
        : undefined;
    }
    this.rows.addChanges(heads);
  }

  private headsOf(q: Knex.QueryBuilder) {
    return q.join('delivery_deployments as d', join =>
      join
        .on('c.entity_ref', '=', 'd.entity_ref')
        .andOn('c.sha', '=', 'd.commit_sha'),
    );
  }

  /**
   * Commits after the shipped push order (all of an entity that never deployed before `from`),
   * and, from the older ones, the heads of the deployments read and the commits explicitly
   * linked to a deployment from `from` on.
   */
  private async changes(lookbacks: Map<string, Lookback>) {
    const fresh = [...lookbacks].filter(([, l]) => l.shippedSeq === undefined);
    const shipped = [...lookbacks].filter(
      ([, l]) => l.shippedSeq !== undefined,
    );
    const recent: Where[] = shipped.map(
      ([ref, l]) =>
        b =>
          b.where('entity_ref', ref).where('seq', '>', l.shippedSeq!),
    );
    if (fresh.length > 0) {
      recent.push(b =>
        b.whereIn(
          'entity_ref',
          fresh.map(([ref]) => ref),
        ),
      );
    }
    this.rows.addChanges(
      await this.db('delivery_changes')
        .select(recordColumns.changes())
        .where(anyOf(recent)),
    );
    if (shipped.length === 0) return;
    const older = (deployedFrom: (l: Lookback) => Date): Where =>
      anyOf(
        shipped.map(
          ([ref, l]) =>
            b =>
              b
                .where('d.entity_ref', ref)
                .where('d.finished_at', '>=', deployedFrom(l))
                .where('c.seq', '<=', l.shippedSeq!),
        ),
      );
    this.rows.addChanges(
      await this.headsOf(this.db('delivery_changes as c'))
        .select(recordColumns.changes('c.'))
        .where(older(l => l.start)),
    );
    this.rows.addChanges(
      await this.db('delivery_changes as c')
        .select(recordColumns.changes('c.'))
        .join('delivery_deployments as d', join =>
          join
            .on('d.id', '=', 'c.deployment_id')
            .andOn('d.entity_ref', '=', 'c.entity_ref'),
        )
        .where(older(() => this.from)),
    );
  }
}

/**
 * Deployments linked from the incidents and commits read but not read themselves (older than
 * the lookback), so a link resolves as it would over the whole history. Only deployments of the
 * scope's entities count, as when all their records are read.
 */
async function linkedDeployments(
  db: Knex,
  rows: RecordRows,
  refs: Set<string>,
) {
  const missing = new Set<string>();
  for (const i of rows.incidents.values())
    if (i.causedByDeploymentId) missing.add(i.causedByDeploymentId);
  for (const c of rows.changes.values())
    if (c.deploymentId) missing.add(c.deploymentId);
  const ids = [...missing].filter(id => !rows.deployments.has(id));
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const found: Row[] = await db('delivery_deployments')
      .select(recordColumns.deployments())
      .whereIn('id', ids.slice(i, i + ID_CHUNK));
    rows.addDeployments(found.filter(d => refs.has(d.entity_ref)));
  }
}

/**
 * The records of the scope's entities that DORA.md's rules need for any window starting at
 * `scope.from` (and its weekly slices), read by indexed ranges instead of whole tables. See
 * {@link EventsStore.loadRecords} for what is read and why.
 */
export async function loadDoraRecords(
  db: Knex,
  scope: DoraRecordScope,
): Promise<DoraRecords> {
  const refs = [...new Set(scope.entityRefs)];
  const tier = productionTier(scope);
  const rows = new RecordRows(refs);
  for (let i = 0; i < refs.length; i += CHUNK) {
    await new ChunkLoader(
      db,
      refs.slice(i, i + CHUNK),
      scope.from,
      tier,
      rows,
    ).load();
  }
  await linkedDeployments(db, rows, new Set(refs));
  return rows.toRecords();
}
