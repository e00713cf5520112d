/**
 * Normalised state of a pipeline run or task, derived from the provider's own status
 * (for Tekton: `conditions[type=Succeeded]` status plus reason).
 *
 * @public
 */
export type RunStatus =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timedOut'
  | 'unknown';

/**
 * Every {@link RunStatus}, in display order.
 *
 * @public
 */
export const RUN_STATUSES: readonly RunStatus[] = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timedOut',
  'unknown',
];

/**
 * Source-control facts of a run, as far as the provider knows them.
 *
 * @public
 */
export interface RunGitInfo {
  repository?: string;
  revision?: string;
  branch?: string;
  pullRequest?: string;
  eventType?: string;
}

/**
 * A named result or param value. Tekton allows strings, arrays of strings and objects of strings.
 *
 * @public
 */
export interface RunValue {
  name: string;
  value: string | string[] | Record<string, string>;
}

/**
 * One step (container) of a task.
 *
 * @public
 */
export interface TaskStep {
  name: string;
  /** Container name in the task's pod, for fetching logs (e.g. `step-build`). */
  container?: string;
  status: RunStatus;
  reason?: string;
  exitCode?: number;
  startedAt?: string;
  completedAt?: string;
}

/**
 * One task (TaskRun) of a pipeline run.
 *
 * @public
 */
export interface TaskRun {
  /** Name of the task run object. */
  name: string;
  /** Name of the task inside the pipeline. */
  pipelineTaskName: string;
  status: RunStatus;
  reason?: string;
  /** ISO 8601 timestamps. */
  startedAt?: string;
  completedAt?: string;
  /** Number of earlier attempts (retries) before the current one. */
  retries: number;
  /** Whether the task belongs to the pipeline's `finally` section. */
  isFinally: boolean;
  /** Kind of the child object when it is not a TaskRun (e.g. `CustomRun` for an approval gate). */
  kind?: string;
  /** Pod that ran the task, for logs. */
  podName?: string;
  steps?: TaskStep[];
  results?: RunValue[];
  /** Status message, e.g. why the task failed. */
  message?: string;
}

/**
 * A pipeline run as the delivery backend stores and serves it.
 *
 * @public
 */
export interface PipelineRun {
  /** Provider-unique id (Kubernetes uid for Tekton). */
  uid: string;
  /** Provider that reported the run, e.g. `tekton`. */
  provider: string;
  cluster?: string;
  namespace?: string;
  name: string;
  pipelineName?: string;
  /** The catalog entity the run belongs to, when known (e.g. `component:default/payments-api`). */
  entityRef?: string;
  status: RunStatus;
  reason?: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  /** Wall-clock duration in seconds, for finished runs. */
  durationSeconds?: number;
  git: RunGitInfo;
  /** The environment a deployment run targets, when the run is a deployment attempt. */
  environment?: string;
  /** uid of the run this one re-ran, when it is a rerun. */
  rerunOf?: string;
  /** Seconds between creation and start (time spent queued or pending). */
  queueSeconds?: number;
  /** Status message of the run, e.g. `Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0`. */
  message?: string;
  params?: RunValue[];
  results?: RunValue[];
  /** Built image, from `IMAGE_URL` / `IMAGE_DIGEST` results. */
  image?: { url?: string; digest?: string };
  /** Whether Tekton Chains signed the run (`chains.tekton.dev/signed: "true"`). */
  signed?: boolean;
  /** In run lists: how many of the run's tasks are in each status. */
  taskSummary?: Partial<Record<RunStatus, number>>;
}

/**
 * A pipeline run together with its tasks.
 *
 * @public
 */
export interface PipelineRunWithTasks extends PipelineRun {
  tasks: TaskRun[];
}

/**
 * One page of runs, newest first. Pass `nextCursor` back as `cursor` for the next page;
 * it is absent on the last page.
 *
 * @public
 */
export interface PipelineRunPage {
  items: PipelineRun[];
  nextCursor?: string;
}

/**
 * Statistics of one pipeline of an entity over a window.
 *
 * @public
 */
export interface PipelineStats {
  pipelineName: string;
  /** Finished runs in the window (succeeded, failed, cancelled, timed out). */
  finishedRuns: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  timedOut: number;
  /** succeeded / (succeeded + failed + timedOut); null without such runs. */
  successRate: number | null;
  /** Over succeeded runs, in seconds; null without any. */
  durationMedianSeconds: number | null;
  durationP90Seconds: number | null;
  /** Most frequent reasons of failed and timed-out runs (`task: reason`), most frequent first. */
  failureReasons: Array<{ reason: string; count: number }>;
}

/**
 * Pipeline statistics of an entity over `[from, to)`.
 *
 * @public
 */
export interface EntityPipelineStats {
  from: string;
  to: string;
  pipelines: PipelineStats[];
  /** With `series=week`: the same statistics per week of the window, oldest first. */
  series?: Array<{ from: string; to: string; pipelines: PipelineStats[] }>;
}

/**
 * Severity of a security finding, normalised from each tool's words and numbers.
 *
 * @public
 */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/**
 * Every {@link FindingSeverity}, most severe first.
 *
 * @public
 */
export const FINDING_SEVERITIES: readonly FindingSeverity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

/**
 * What kind of problem a finding is.
 *
 * @public
 */
export type FindingCategory =
  | 'dependency'
  | 'container'
  | 'code'
  | 'secret'
  | 'license'
  | 'misconfiguration';

/**
 * Lifecycle state of a finding: `reopened` is open again after it was fixed.
 *
 * @public
 */
export type FindingStatus = 'open' | 'reopened' | 'fixed';

/**
 * Why a finding is suppressed.
 *
 * @public
 */
export type SuppressionReason =
  | 'risk_accepted'
  | 'false_positive'
  | 'wont_fix'
  | 'used_in_tests';

/**
 * A security finding tracked across scans.
 *
 * @public
 */
export interface Finding {
  id: string;
  entityRef: string;
  tool: string;
  toolVersion?: string;
  target: string;
  fingerprint: string;
  category: FindingCategory;
  severity: FindingSeverity;
  ruleId: string;
  aliases?: string[];
  title: string;
  description?: string;
  package?: string;
  installedVersion?: string;
  fixedVersion?: string;
  location?: {
    path?: string;
    startLine?: number;
    endLine?: number;
    image?: string;
    layer?: string;
  };
  references?: string[];
  status: FindingStatus;
  /** Suppressed by a user (until `suppression.expiresAt`) or in the report itself. */
  suppression?: {
    source: 'user' | 'report';
    reason: string;
    comment?: string;
    author?: string;
    expiresAt?: string;
  };
  /** Open past its SLA (and not suppressed). */
  overdue: boolean;
  /** When the SLA for its severity runs out. */
  slaDueAt?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  fixedAt?: string;
  lastRunUid?: string;
  fixedRunUid?: string;
}

/**
 * One page of findings; pass `nextCursor` back as `cursor` for the next.
 *
 * @public
 */
export interface FindingPage {
  items: Finding[];
  nextCursor?: string;
}

/**
 * The security gate's verdict for an entity, with the reasons it failed.
 *
 * @public
 */
export interface SecurityGateVerdict {
  passed: boolean;
  reasons: string[];
  /** Open, unsuppressed findings by severity. */
  open: Record<FindingSeverity, number>;
  /** Overdue, unsuppressed findings by severity. */
  overdue: Record<FindingSeverity, number>;
  openSecrets: number;
}

/**
 * What a report upload answers.
 *
 * @public
 */
export interface FindingsUploadResult {
  scanId: string;
  tool: string;
  format: string;
  complete: boolean;
  /** Why nothing was marked fixed, for incomplete scans. */
  incompleteReason?: string;
  targets: string[];
  /** Findings in this report by severity. */
  counts: Record<FindingSeverity, number>;
  new: number;
  fixed: number;
  reopened: number;
  suppressedInReport: number;
  gate: SecurityGateVerdict;
}

/**
 * Open findings of an entity by severity on one day (UTC), for trends.
 *
 * @public
 */
export interface FindingTrendPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  open: Record<FindingSeverity, number>;
}

/**
 * Security posture of one owner (team): its components' open and overdue findings.
 *
 * @public
 */
export interface SecurityPostureRow {
  /** Entity ref of the owner, e.g. `group:default/payments-team`. */
  owner: string;
  /** Components of the owner that have findings. */
  entities: string[];
  open: Record<FindingSeverity, number>;
  overdue: number;
  openSecrets: number;
}

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
 * The answer of the DORA routes: metrics, the ids behind each number, and optionally a weekly
 * series.
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
