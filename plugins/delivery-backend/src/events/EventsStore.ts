import { z } from 'zod';
import { changeEvent, deploymentEvent, incidentEvent } from './eventSchemas';

export type DeploymentEvent = z.infer<typeof deploymentEvent>;
export type ChangeEvent = z.infer<typeof changeEvent>;
export type IncidentEvent = z.infer<typeof incidentEvent>;

/** Deployments, changes and incidents of a set of entities, as the DORA engine reads them. */
export interface DoraRecords {
  deployments: Array<{
    id: string;
    entityRef: string;
    environment: string;
    status: 'success' | 'failed' | 'cancelled';
    startedAt?: Date;
    finishedAt: Date;
    commitSha?: string;
    version?: string;
    remediationFor?: string;
  }>;
  changes: Array<{
    sha: string;
    entityRef: string;
    authoredAt: Date;
    committedAt?: Date;
    isMerge: boolean;
    deploymentId?: string;
    pushSeq: number;
  }>;
  incidents: Array<{
    id: string;
    entityRef: string;
    startedAt: Date;
    resolvedAt?: Date;
    causedByDeploymentId?: string;
  }>;
}

/**
 * Persistence of DORA inputs. Every write is one transaction and idempotent: deployments and
 * incidents by id, changes by (entity, sha) — a re-sent change keeps its push order.
 */
export interface EventsStore {
  upsertDeployments(
    items: DeploymentEvent[],
    source: 'api' | 'run',
  ): Promise<number>;
  upsertChanges(items: ChangeEvent[]): Promise<number>;
  upsertIncidents(items: IncidentEvent[]): Promise<number>;
  /**
   * All records of these entities (all entities when omitted). DORA needs history before the
   * window (first deployment, push chain, rollback targets) and incidents after it (rule 7).
   */
  loadRecords(entityRefs: string[] | undefined): Promise<DoraRecords>;
}
