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

/** Whose DORA records to read, for windows starting when. */
export interface DoraRecordScope {
  entityRefs: string[];
  /** Start of the window (the earliest weekly slice starts there too). */
  from: Date;
  /** Rule 1's production tier (the engine's default when empty). */
  productionEnvironments: string[];
}

/**
 * Persistence of DORA inputs. Every write is one transaction and idempotent: deployments and
 * incidents by id, changes by (entity, sha) — a re-sent change keeps its push order.
 */
export interface EventsStore {
  /**
   * Deployments through the events API, recorded by this principal (`user:…`, `service:…`).
   * 409 and nothing stored when an id is in the `run:` namespace of run-derived deployments, or
   * names a record of another entity or another source.
   */
  upsertDeployments(
    items: DeploymentEvent[],
    recordedBy: string,
  ): Promise<number>;
  /** Commits; one another source recorded first keeps that source's fields. */
  upsertChanges(items: ChangeEvent[], recordedBy: string): Promise<number>;
  /** Incidents, with the same provenance rules as deployments. */
  upsertIncidents(items: IncidentEvent[], recordedBy: string): Promise<number>;
  /**
   * The records of these entities that DORA.md's rules need for windows starting at
   * `scope.from` (any end, and their weekly slices), read by indexed ranges rather than whole
   * tables. Per entity that is everything from its lookback start on — the earliest of `from`,
   * its last rule-1 deployment before `from` (push chain, rule-7 fallback) and the deployment
   * each incident still open at `from` or resolved after it is attributed to (rule 9) — plus,
   * from older history: the rule-1 deployment before `from` whose head commit is latest in push
   * order and the commits after that head (rule 5: what was shipped before the window is not
   * sampled again), the heads of the deployments read, commits explicitly linked to deployments
   * from `from` on, older deployments of the same version or commit as one from `from` on
   * (rule 11 rollbacks) and the deployments the records read link to. The engine then gives the
   * same numbers for those windows as over the whole history. Not read: incidents that were
   * resolved before `from` and started before the lookback start (they can only matter when
   * linked to a later deployment, i.e. resolved before their cause finished). Cost: the lookback
   * lookups are indexed; finding the latest shipped head scans the entity's deployments before
   * `from` in SQL, and everything after the lookback start is read.
   */
  loadRecords(scope: DoraRecordScope): Promise<DoraRecords>;
}
