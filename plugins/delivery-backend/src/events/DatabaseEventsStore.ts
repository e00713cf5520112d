import { Knex } from 'knex';
import {
  ChangeEvent,
  DeploymentEvent,
  DoraRecords,
  DoraRecordScope,
  EventsStore,
  IncidentEvent,
} from './EventsStore';
import { loadDoraRecords } from './loadDoraRecords';
import { assertNoReservedIds, assertOwnRecords } from './recordProvenance';

const CHUNK = 200;
const date = (v: string | undefined | null) => (v ? new Date(v) : null);

async function inChunks<T>(rows: T[], write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await write(rows.slice(i, i + CHUNK));
}

/** The `delivery_deployments` row of a deployment. */
export function deploymentRow(
  d: DeploymentEvent,
  source: 'api' | 'run',
  recordedBy: string | null = null,
) {
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
    recorded_by: recordedBy,
  };
}

/** The knex-backed {@link EventsStore}; its tables come with the delivery migrations. */
export class DatabaseEventsStore implements EventsStore {
  constructor(private readonly db: Knex) {}

  async upsertDeployments(
    items: DeploymentEvent[],
    recordedBy: string,
  ): Promise<number> {
    assertNoReservedIds(items.map(d => d.id));
    const rows = items.map(d => deploymentRow(d, 'api', recordedBy));
    await this.db.transaction(async tx => {
      await assertOwnRecords(tx, 'delivery_deployments', rows, recordedBy);
      await inChunks(rows, part =>
        tx('delivery_deployments').insert(part).onConflict('id').merge(),
      );
    });
    return rows.length;
  }

  async upsertChanges(
    items: ChangeEvent[],
    recordedBy: string,
  ): Promise<number> {
    const rows = items.map(c => ({
      entity_ref: c.entityRef,
      sha: c.sha.toLocaleLowerCase('en-US'),
      authored_at: new Date(c.authoredAt),
      committed_at: date(c.committedAt),
      is_merge: c.isMerge,
      deployment_id: c.deploymentId ?? null,
      recorded_by: recordedBy,
    }));
    // A commit another source recorded first keeps what that source said (and its push order).
    await this.db.transaction(tx =>
      inChunks(rows, part =>
        tx('delivery_changes')
          .insert(part)
          .onConflict(['entity_ref', 'sha'])
          .merge(['authored_at', 'committed_at', 'is_merge', 'deployment_id'])
          .where(q =>
            q
              .whereNull('delivery_changes.recorded_by')
              .orWhere('delivery_changes.recorded_by', recordedBy),
          ),
      ),
    );
    return rows.length;
  }

  async upsertIncidents(
    items: IncidentEvent[],
    recordedBy: string,
  ): Promise<number> {
    const rows = items.map(i => ({
      id: i.id,
      entity_ref: i.entityRef,
      title: i.title ?? null,
      started_at: new Date(i.startedAt),
      resolved_at: date(i.resolvedAt),
      caused_by_deployment_id: i.causedByDeploymentId ?? null,
      recorded_by: recordedBy,
    }));
    await this.db.transaction(async tx => {
      await assertOwnRecords(tx, 'delivery_incidents', rows, recordedBy);
      await inChunks(rows, part =>
        tx('delivery_incidents').insert(part).onConflict('id').merge(),
      );
    });
    return rows.length;
  }

  async loadRecords(scope: DoraRecordScope): Promise<DoraRecords> {
    return loadDoraRecords(this.db, scope);
  }
}
