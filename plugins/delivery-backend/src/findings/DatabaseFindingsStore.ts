import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  FINDING_SEVERITIES,
  FindingCategory,
  FindingPage,
  FindingSeverity,
} from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';
import { FindingRow, rowToFinding, SuppressionRow } from './findingRows';
import { toDate } from '../database/rows';
import {
  FindingFact,
  FindingsStore,
  GateCounts,
  GateScan,
  ListFindingsQuery,
  NewSuppression,
  ScanInput,
} from './FindingsStore';
import { recordScan } from './recordScan';

const DAY_MS = 86_400_000;
const migrationsDir = resolvePackagePath(
  '@slipway/plugin-delivery-backend',
  'migrations',
);

const zero = (): Record<FindingSeverity, number> => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  info: 0,
});

function encodeCursor(row: FindingRow): string {
  return Buffer.from(
    JSON.stringify([row.severity_rank, String(row.id)]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const [rank, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof rank === 'number' && typeof id === 'string') return [rank, id];
  } catch {
    // fall through
  }
  throw new InputError(
    'Invalid cursor: pass back the nextCursor of a previous page unchanged',
  );
}

/** The knex-backed {@link FindingsStore}. */
export class DatabaseFindingsStore implements FindingsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFindingsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseFindingsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  recordScan(input: ScanInput) {
    return this.db.transaction(tx => recordScan(tx, input));
  }

  /** Findings without an active user suppression and not suppressed in their report. */
  private unsuppressed(q: Knex.QueryBuilder, now: Date) {
    return q
      .where('f.report_suppressed', false)
      .whereNotExists(
        this.db('delivery_finding_suppressions as s')
          .whereRaw('s.finding_id = f.id')
          .whereNull('s.revoked_at')
          .where('s.expires_at', '>', now),
      );
  }

  private async activeSuppressions(ids: Array<string | number>, now: Date) {
    const rows = ids.length
      ? await this.db<SuppressionRow>('delivery_finding_suppressions')
          .whereIn('finding_id', ids)
          .whereNull('revoked_at')
          .where('expires_at', '>', now)
      : [];
    return new Map(rows.map(r => [String(r.finding_id), r]));
  }

  async listFindings(
    query: ListFindingsQuery,
    now: Date,
    slaDays: Record<FindingSeverity, number>,
  ): Promise<FindingPage> {
    const q = this.db<FindingRow>('delivery_findings as f').where(
      'f.entity_ref',
      query.entityRef,
    );
    if (query.status?.length) q.whereIn('f.status', query.status);
    if (query.severity?.length) q.whereIn('f.severity', query.severity);
    if (query.tool) q.where('f.tool', query.tool);
    if (query.category) q.where('f.category', query.category);
    if (query.cursor) {
      const [rank, id] = decodeCursor(query.cursor);
      q.where(w =>
        w
          .where('f.severity_rank', '<', rank)
          .orWhere(t =>
            t.where('f.severity_rank', rank).andWhere('f.id', '<', id),
          ),
      );
    }
    const rows: FindingRow[] = await q
      .orderBy([
        { column: 'f.severity_rank', order: 'desc' },
        { column: 'f.id', order: 'desc' },
      ])
      .limit(query.limit + 1)
      .select('f.*');
    const page = rows.slice(0, query.limit);
    const suppressions = await this.activeSuppressions(
      page.map(r => r.id),
      now,
    );
    return {
      items: page.map(r =>
        rowToFinding(r, suppressions.get(String(r.id)), now, slaDays),
      ),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor(page[page.length - 1])
          : undefined,
    };
  }

  async getFinding(
    id: string,
    now: Date,
    slaDays: Record<FindingSeverity, number>,
  ) {
    const row = await this.db<FindingRow>('delivery_findings')
      .where('id', id)
      .first();
    if (!row) return undefined;
    const suppressions = await this.activeSuppressions([row.id], now);
    return rowToFinding(row, suppressions.get(String(row.id)), now, slaDays);
  }

  async gateScans(entityRef: string, limit: number): Promise<GateScan[]> {
    const rows: Array<{
      id: number | string;
      tool: string;
      run_uid: string | null;
      uploaded_by: string | null;
      received_at: Date | string | number;
    }> = await this.db('delivery_scans')
      .where({ entity_ref: entityRef, complete: true, closes_findings: true })
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit * 10)
      .select('id', 'tool', 'run_uid', 'uploaded_by', 'received_at');
    const newest = new Map<string, GateScan>();
    for (const row of rows) {
      if (newest.has(row.tool) || newest.size >= limit) continue;
      newest.set(row.tool, {
        id: String(row.id),
        tool: row.tool,
        runUid: row.run_uid ?? undefined,
        uploadedBy: row.uploaded_by ?? undefined,
        receivedAt: toDate(row.received_at).toISOString(),
      });
    }
    return [...newest.values()];
  }

  async gateCounts(
    entityRef: string,
    now: Date,
    slaDays: Record<FindingSeverity, number>,
  ): Promise<GateCounts> {
    const open = zero();
    const overdue = zero();
    const base = () =>
      this.unsuppressed(
        this.db('delivery_findings as f')
          .where('f.entity_ref', entityRef)
          .whereNot('f.status', 'fixed'),
        now,
      );
    const openRows = await base()
      .groupBy('f.severity')
      .select('f.severity')
      .count({ n: '*' });
    for (const r of openRows as Array<{
      severity: FindingSeverity;
      n: number | string;
    }>)
      open[r.severity] = Number(r.n);
    const overdueRows = await base()
      .where(w => {
        for (const severity of FINDING_SEVERITIES) {
          const due = new Date(now.getTime() - slaDays[severity] * DAY_MS);
          w.orWhere(s =>
            s
              .where('f.severity', severity)
              .andWhere('f.first_seen_at', '<', due),
          );
        }
      })
      .groupBy('f.severity')
      .select('f.severity')
      .count({ n: '*' });
    for (const r of overdueRows as Array<{
      severity: FindingSeverity;
      n: number | string;
    }>)
      overdue[r.severity] = Number(r.n);
    const [secrets] = await base()
      .where('f.category', 'secret')
      .count({ n: '*' });
    return {
      open,
      overdue,
      openSecrets: Number((secrets as { n: number | string }).n),
    };
  }

  async listFindingFacts(
    entityRefs: string[] | undefined,
    since: Date,
    now: Date,
  ): Promise<FindingFact[]> {
    const q = this.unsuppressed(this.db('delivery_findings as f'), now)
      .where('f.first_seen_at', '<=', now)
      .where(w => w.whereNull('f.fixed_at').orWhere('f.fixed_at', '>=', since));
    if (entityRefs) {
      q.whereIn('f.entity_ref', entityRefs);
    }
    const rows: Array<
      Pick<
        FindingRow,
        'entity_ref' | 'severity' | 'category' | 'first_seen_at' | 'fixed_at'
      >
    > = await q.select(
      'f.entity_ref',
      'f.severity',
      'f.category',
      'f.first_seen_at',
      'f.fixed_at',
    );
    return rows.map(r => ({
      entityRef: r.entity_ref,
      severity: r.severity as FindingSeverity,
      category: r.category as FindingCategory,
      firstSeenAt: toDate(r.first_seen_at),
      fixedAt: r.fixed_at === null ? undefined : toDate(r.fixed_at),
    }));
  }

  async suppress(id: string, s: NewSuppression, now: Date): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx<FindingRow>('delivery_findings')
        .where('id', id)
        .first();
      if (!row) throw new NotFoundError(`No finding with id '${id}'`);
      await tx('delivery_finding_suppressions')
        .where('finding_id', id)
        .whereNull('revoked_at')
        .update({ revoked_at: now, revoked_by: s.author });
      await tx('delivery_finding_suppressions').insert({
        finding_id: id,
        reason: s.reason,
        comment: s.comment,
        author: s.author,
        created_at: now,
        expires_at: s.expiresAt,
      });
      await tx('delivery_finding_events').insert({
        finding_id: id,
        event: 'suppressed',
        at: now,
        actor: s.author,
      });
    });
  }

  async unsuppress(id: string, actor: string, now: Date): Promise<boolean> {
    return this.db.transaction(async tx => {
      const revoked = await tx('delivery_finding_suppressions')
        .where('finding_id', id)
        .whereNull('revoked_at')
        .where('expires_at', '>', now)
        .update({ revoked_at: now, revoked_by: actor });
      if (revoked > 0) {
        await tx('delivery_finding_events').insert({
          finding_id: id,
          event: 'unsuppressed',
          at: now,
          actor,
        });
      }
      return revoked > 0;
    });
  }
}
