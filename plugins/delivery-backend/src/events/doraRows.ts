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

/**
 * Rows collected by id (changes by push order) and turned into the engine's records. Entity refs
 * are shared strings, so a roll-up of many records does not hold a copy per row.
 */
export class RecordRows {
  readonly deployments = new Map<string, Row>();
  readonly changes = new Map<number, Row>();
  readonly incidents = new Map<string, Row>();
  private readonly refs: Map<string, string>;

  constructor(entityRefs: string[]) {
    this.refs = new Map(entityRefs.map(r => [r, r]));
  }

  addDeployments(rows: Row[]) {
    for (const row of rows) this.deployments.set(row.id, row);
  }

  addChanges(rows: Row[]) {
    for (const row of rows) this.changes.set(Number(row.seq), row);
  }

  addIncidents(rows: Row[]) {
    for (const row of rows) this.incidents.set(row.id, row);
  }

  private ref(value: string): string {
    return this.refs.get(value) ?? value;
  }

  toRecords(): DoraRecords {
    return {
      deployments: [...this.deployments.values()].map(d => ({
        id: d.id,
        entityRef: this.ref(d.entity_ref),
        environment: d.environment,
        status: d.status,
        startedAt: maybe(d.started_at),
        finishedAt: toDate(d.finished_at),
        commitSha: d.commit_sha ?? undefined,
        version: d.version ?? undefined,
        remediationFor: d.remediation_for ?? undefined,
      })),
      changes: [...this.changes.values()]
        .sort((a, b) => Number(a.seq) - Number(b.seq))
        .map(c => ({
          sha: c.sha,
          entityRef: this.ref(c.entity_ref),
          authoredAt: toDate(c.authored_at),
          committedAt: maybe(c.committed_at),
          isMerge: Boolean(c.is_merge),
          deploymentId: c.deployment_id ?? undefined,
          pushSeq: Number(c.seq),
        })),
      incidents: [...this.incidents.values()].map(i => ({
        id: i.id,
        entityRef: this.ref(i.entity_ref),
        startedAt: toDate(i.started_at),
        resolvedAt: maybe(i.resolved_at),
        causedByDeploymentId: i.caused_by_deployment_id ?? undefined,
      })),
    };
  }
}
