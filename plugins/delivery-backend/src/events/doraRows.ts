import { Knex } from 'knex';
import { toDate } from '../database/rows';
import { DoraRecords } from './EventsStore';

type Time = Date | string | number;
/** A row of one of the DORA tables, as the driver returns it. */
export type Row = Record<string, any>;

const maybe = (v: Time | null) => (v === null ? undefined : toDate(v));

/** The rows of a `knex.raw` result (an array on SQLite, `{ rows }` on PostgreSQL). */
export function rowsOf(result: unknown): Row[] {
  return Array.isArray(result) ? result : (result as { rows: Row[] }).rows;
}

/**
 * Rule 1 as SQL over the deployments aliased `alias`: a success in an environment of the
 * production tier (`tier` trimmed and lower-cased, as the engine compares).
 */
export function rule1Sql(
  alias: string,
  tier: string[],
): { sql: string; bindings: string[] } {
  return {
    sql: `${alias}.status = 'success' AND LOWER(TRIM(${alias}.environment)) IN (${tier
      .map(() => '?')
      .join(', ')})`,
    bindings: tier,
  };
}

/** `builder.where(rule1)` for query-builder queries. */
export function whereRule1(
  builder: Knex.QueryBuilder,
  alias: string,
  tier: string[],
): Knex.QueryBuilder {
  const { sql, bindings } = rule1Sql(alias, tier);
  return builder.whereRaw(sql, bindings);
}

/** The columns of each table that the records need (`prefix` names the table's alias). */
export const recordColumns = {
  deployments: (prefix = '') =>
    [
      'id',
      'entity_ref',
      'environment',
      'status',
      'started_at',
      'finished_at',
      'commit_sha',
      'version',
      'remediation_for',
    ].map(c => `${prefix}${c}`),
  changes: (prefix = '') =>
    [
      'seq',
      'entity_ref',
      'sha',
      'authored_at',
      'committed_at',
      'is_merge',
      'deployment_id',
    ].map(c => `${prefix}${c}`),
  incidents: (prefix = '') =>
    [
      'id',
      'entity_ref',
      'started_at',
      'resolved_at',
      'caused_by_deployment_id',
    ].map(c => `${prefix}${c}`),
};

type Records<K extends keyof DoraRecords> = DoraRecords[K][number];

/**
 * Records collected by id (changes by push order), each row turned into the engine's record as
 * it arrives, so a roll-up does not hold the driver's rows as well. Entity refs are shared
 * strings rather than a copy per row.
 */
export class RecordRows {
  readonly deployments = new Map<string, Records<'deployments'>>();
  readonly changes = new Map<number, Records<'changes'>>();
  readonly incidents = new Map<string, Records<'incidents'>>();
  private readonly refs: Map<string, string>;

  constructor(entityRefs: string[]) {
    this.refs = new Map(entityRefs.map(r => [r, r]));
  }

  private ref(value: string): string {
    return this.refs.get(value) ?? value;
  }

  addDeployments(rows: Row[]) {
    for (const d of rows) {
      this.deployments.set(d.id, {
        id: d.id,
        entityRef: this.ref(d.entity_ref),
        environment: d.environment,
        status: d.status,
        startedAt: maybe(d.started_at),
        finishedAt: toDate(d.finished_at),
        commitSha: d.commit_sha ?? undefined,
        version: d.version ?? undefined,
        remediationFor: d.remediation_for ?? undefined,
      });
    }
  }

  addChanges(rows: Row[]) {
    for (const c of rows) {
      const pushSeq = Number(c.seq);
      if (this.changes.has(pushSeq)) continue;
      this.changes.set(pushSeq, {
        sha: c.sha,
        entityRef: this.ref(c.entity_ref),
        authoredAt: toDate(c.authored_at),
        committedAt: maybe(c.committed_at),
        isMerge: Boolean(c.is_merge),
        deploymentId: c.deployment_id ?? undefined,
        pushSeq,
      });
    }
  }

  addIncidents(rows: Row[]) {
    for (const i of rows) {
      this.incidents.set(i.id, {
        id: i.id,
        entityRef: this.ref(i.entity_ref),
        startedAt: toDate(i.started_at),
        resolvedAt: maybe(i.resolved_at),
        causedByDeploymentId: i.caused_by_deployment_id ?? undefined,
      });
    }
  }

  toRecords(): DoraRecords {
    return {
      deployments: [...this.deployments.values()],
      changes: [...this.changes.values()].sort((a, b) => a.pushSeq - b.pushSeq),
      incidents: [...this.incidents.values()],
    };
  }
}
