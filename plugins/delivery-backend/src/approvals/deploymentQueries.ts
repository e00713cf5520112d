import { RunStatus } from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';

const DAY = 86_400_000;
import { toDate } from '../database/rows';
import { runUidOfDeployment } from '../events/deploymentsFromRun';

/** A successful deployment of an entity to one environment. */
export interface EnvironmentDeployment {
  id: string;
  version?: string;
  commitSha?: string;
  finishedAt: Date;
  /** The pipeline run behind it, for deployments that came from runs (`run:<uid>`). */
  runUid?: string;
}

interface DeploymentRow {
  id: string;
  version: string | null;
  commit_sha: string | null;
  finished_at: Date | string | number;
}

function toDeployment(row: DeploymentRow): EnvironmentDeployment {
  return {
    id: row.id,
    version: row.version ?? undefined,
    commitSha: row.commit_sha ?? undefined,
    finishedAt: toDate(row.finished_at),
    runUid: runUidOfDeployment(row.id),
  };
}

/** Indexed reads of `delivery_deployments` for environment lanes, gates and rollbacks. */
export class DeploymentQueries {
  constructor(private readonly db: Knex) {}

  private successes(entityRef: string, environment: string) {
    return this.db('delivery_deployments')
      .where({ entity_ref: entityRef, environment, status: 'success' })
      .orderBy('finished_at', 'desc')
      .select('id', 'version', 'commit_sha', 'finished_at');
  }

  /** The latest successful deployments, newest first (the first is what runs there now). */
  async recent(
    entityRef: string,
    environment: string,
    limit: number,
  ): Promise<EnvironmentDeployment[]> {
    const rows: DeploymentRow[] = await this.successes(
      entityRef,
      environment,
    ).limit(limit);
    return rows.map(toDeployment);
  }

  /**
   * The latest successful deployment of this revision (commit or version) to an environment
   * that Slipway observed itself (from a pipeline run, or posted by one of this backend's
   * plugins) or that one of the `trusted` principals recorded.
   */
  async latestOf(
    entityRef: string,
    environment: string,
    revision: string,
    trusted: string[] = [],
  ): Promise<EnvironmentDeployment | undefined> {
    const row: DeploymentRow | undefined = await this.successes(
      entityRef,
      environment,
    )
      .andWhere(q =>
        q.where('commit_sha', revision).orWhere('version', revision),
      )
      .andWhere(q => {
        q.where('source', 'run').orWhere(
          'recorded_by',
          'like',
          'service:plugin:%',
        );
        if (trusted.length > 0) q.orWhereIn('recorded_by', trusted);
      })
      .first();
    return row ? toDeployment(row) : undefined;
  }

  /**
   * The newest run of the entity to this environment (by its own environment, e.g. a deploy
   * pipeline run) that is still pending or running, started within the last day.
   */
  async inProgress(entityRef: string, environment: string, now = new Date()) {
    const row:
      | {
          uid: string;
          name: string;
          status: RunStatus;
          revision: string | null;
          started_at: Date | string | number | null;
        }
      | undefined = await this.db('delivery_runs')
      .where({ entity_ref: entityRef, environment })
      .whereIn('status', ['pending', 'running'])
      .where('sort_at', '>=', new Date(now.getTime() - DAY))
      .orderBy('sort_at', 'desc')
      .first('uid', 'name', 'status', 'revision', 'started_at');
    return row
      ? {
          runUid: row.uid,
          runName: row.name,
          status: row.status,
          revision: row.revision ?? undefined,
          startedAt: row.started_at
            ? toDate(row.started_at).toISOString()
            : undefined,
        }
      : undefined;
  }
}
