import { Knex } from 'knex';
import { toDate } from '../database/rows';
import {
  ChangeEvent,
  DeploymentEvent,
  DoraRecords,
  EventsStore,
  IncidentEvent,
} from './EventsStore';

const CHUNK = 200;
type Time = Date | string | number;
const date = (v: string | undefined | null) => (v ? new Date(v) : null);
const maybe = (v: Time | null) => (v === null ? undefined : toDate(v));

async function inChunks<T>(rows: T[], write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await write(rows.slice(i, i + CHUNK));
}

/** The `delivery_deployments` row of a deployment. */
export function deploymentRow(d: DeploymentEvent, source: 'api' | 'run') {
  return {
    id: d.id,
    entity_ref: d.entityRef,
    environment: d.environment.toLocaleLowerCase('en-US'),
    status: d.status,
    started_at: date(d.startedAt),
    finished_at: new Date(d.finishedAt),
    commit_sha: d.commitSha ?? null,
    version: d.version ?? null,
    remediation_for: d.remediationFor ?? null,
    source,
  };
}

/** The knex-backed {@link EventsStore}; its tables come with the delivery migrations. */
export class DatabaseEventsStore implements EventsStore {
  constructor(private readonly db: Knex) {}

  async upsertDeployments(
    items: DeploymentEvent[],
    source: 'api' | 'run',
  ): Promise<number> {
    const rows = items.map(d => deploymentRow(d, source));
    await this.db.transaction(tx =>
      inChunks(rows, part =>
        tx('delivery_deployments').insert(part).onConflict('id').merge(),
      ),
    );
    return rows.length;
  }

  async upsertChanges(items: ChangeEvent[]): Promise<number> {
    const rows = items.map(c => ({
      entity_ref: c.entityRef,
      sha: c.sha.toLocaleLowerCase('en-US'),
      authored_at: new Date(c.authoredAt),
      committed_at: date(c.committedAt),
      is_merge: c.isMerge,
      deployment_id: c.deploymentId ?? null,
    }));
    await this.db.transaction(tx =>
      inChunks(rows, part =>
        tx('delivery_changes')
          .insert(part)
          .onConflict(['entity_ref', 'sha'])
          .merge(['authored_at', 'committed_at', 'is_merge', 'deployment_id']),
      ),
    );
    return rows.length;
  }

  async upsertIncidents(items: IncidentEvent[]): Promise<number> {
    const rows = items.map(i => ({
      id: i.id,
      entity_ref: i.entityRef,
      title: i.title ?? null,
      started_at: new Date(i.startedAt),
      resolved_at: date(i.resolvedAt),
      caused_by_deployment_id: i.causedByDeploymentId ?? null,
    }));
    await this.db.transaction(tx =>
      inChunks(rows, part =>
        tx('delivery_incidents').insert(part).onConflict('id').merge(),
      ),
    );
    return rows.length;
  }

  async loadRecords(entityRefs: string[] | undefined): Promise<DoraRecords> {
    const scoped = (table: string) => {
      const q = this.db(table);
      if (entityRefs) q.whereIn('entity_ref', entityRefs);
      return q;
    };
    const [deployments, changes, incidents] = await Promise.all([
      scoped('delivery_deployments'),
      scoped('delivery_changes').orderBy('seq'),
      scoped('delivery_incidents'),
    ]);
    return {
      deployments: deployments.map(d => ({
        id: d.id,
        entityRef: d.entity_ref,
        environment: d.environment,
        status: d.status,
        startedAt: maybe(d.started_at),
        finishedAt: toDate(d.finished_at),
        commitSha: d.commit_sha ?? undefined,
        version: d.version ?? undefined,
        remediationFor: d.remediation_for ?? undefined,
      })),
      changes: changes.map(c => ({
        sha: c.sha,
        entityRef: c.entity_ref,
        authoredAt: toDate(c.authored_at),
        committedAt: maybe(c.committed_at),
        isMerge: Boolean(c.is_merge),
        deploymentId: c.deployment_id ?? undefined,
        pushSeq: Number(c.seq),
      })),
      incidents: incidents.map(i => ({
        id: i.id,
        entityRef: i.entity_ref,
        startedAt: toDate(i.started_at),
        resolvedAt: maybe(i.resolved_at),
        causedByDeploymentId: i.caused_by_deployment_id ?? undefined,
      })),
    };
  }
}
