/**
 * A DORA band, shown beside the raw value.
 *
 * @public
 */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

/**
 * DORA metrics over a window; field names as DORA.md defines them. Durations in seconds, rates
 * as fractions, undefined values `null`.
 *
 * @public
 */
export interface DoraMetrics {
  deploymentCount: number;
  deploymentsPerDay: number;
  deploymentDays: number;
  leadTimeSampleCount: number;
  leadTimeMedianSeconds: number | null;
  failedDeploymentCount: number;
  changeFailureRate: number | null;
  failedDeploymentRecoveryTimeMedianSeconds: number | null;
  timeToRestoreServiceMedianSeconds: number | null;
  reworkDeploymentCount: number;
  deploymentReworkRate: number | null;
  bands: {
    deploymentFrequency: DoraBand | null;
    leadTime: DoraBand | null;
    changeFailureRate: DoraBand | null;
    recoveryTime: DoraBand | null;
  };
  warnings: string[];
}

/**
 * The answer of the entity DORA route (`GET /entities/:kind/:namespace/:name/dora`) and of a
 * roll-up asked with `drillDown=true`: metrics, the ids behind each number, and optionally a
 * weekly series. A roll-up without `drillDown=true` answers a {@link DoraRollupReport}.
 *
 * @public
 */
export interface DoraReport extends DoraMetrics {
  from: string;
  to: string;
  windowDays: number;
  drillDown: {
    deployments: string[];
    leadTimeSamples: Array<{
      sha: string;
      deploymentId: string;
      seconds: number;
    }>;
    failedDeployments: Array<{ deploymentId: string; incidentIds: string[] }>;
    recoverySamples: Array<{ deploymentId: string; seconds: number }>;
    restoreSamples: Array<{ incidentId: string; seconds: number }>;
    reworkDeployments: string[];
  };
  series?: Array<{ from: string; to: string } & DoraMetrics>;
  /** Roll-ups only: the entities pooled. */
  entityRefs?: string[];
}

/**
 * The answer of the roll-up route (`GET /dora?entityRefs|owner|system`): the pooled metrics,
 * bands, warnings and (with `series=week`) the weekly series of the entities in `entityRefs`.
 * `drillDown` (every sample of every entity, large for a team) is only present when the request
 * says `drillDown=true`.
 *
 * @public
 */
export type DoraRollupReport = Omit<DoraReport, 'drillDown' | 'entityRefs'> & {
  drillDown?: DoraReport['drillDown'];
  /** The entities pooled: those in scope the caller may see and read the DORA metrics of. */
  entityRefs: string[];
  /** How many entities of the scope were left out because the caller may not read them. */
  omittedEntities?: number;
};

/**
 * The deployments, changes and incidents of an entity in a window (ISO timestamps).
 *
 * @public
 */
export interface DoraRecordsResponse {
  from: string;
  to: string;
  deployments: Array<{
    id: string;
    entityRef: string;
    environment: string;
    status: string;
    startedAt?: string;
    finishedAt: string;
    commitSha?: string;
    version?: string;
    remediationFor?: string;
  }>;
  changes: Array<{
    sha: string;
    entityRef: string;
    authoredAt: string;
    committedAt?: string;
    isMerge: boolean;
    deploymentId?: string;
  }>;
  incidents: Array<{
    id: string;
    entityRef: string;
    startedAt: string;
    resolvedAt?: string;
    causedByDeploymentId?: string;
  }>;
}
