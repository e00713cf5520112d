import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ApprovalPage,
  ApprovalRequestDetails,
  ApprovalState,
  CreateApprovalRequest,
  EnvironmentsView,
  DoraRecordsResponse,
  DoraReport,
  DoraRollupReport,
  FindingTrendPoint,
  SecurityPostureRow,
  Finding,
  FindingCategory,
  FindingPage,
  FindingSeverity,
  FindingStatus,
  SecurityGateVerdict,
  SuppressionReason,
  EntityPipelineStats,
  PipelineDefinition,
  PipelineRunPage,
  PipelineRunWithTasks,
  PipelineSummaryList,
  RunStatus,
  StartedRun,
  StartRunRequest,
} from '@slipway/plugin-delivery-common';

/**
 * Query for one page of an entity's runs.
 *
 * @public
 */
export interface ListRunsRequest {
  entity: CompoundEntityRef;
  limit?: number;
  cursor?: string;
  status?: RunStatus[];
  pipeline?: string;
  branch?: string;
  /** Only runs of this provider, e.g. `tekton` or `github-actions`. */
  provider?: string;
  /** ISO 8601: only runs started at or after it. */
  since?: string;
  /** By start time: `desc` (newest first, the default) or `asc`. */
  order?: 'asc' | 'desc';
}

/**
 * Query for one page of an entity's findings.
 *
 * @public
 */
export interface ListFindingsRequest {
  entity: CompoundEntityRef;
  limit?: number;
  cursor?: string;
  status?: FindingStatus[];
  severity?: FindingSeverity[];
  tool?: string;
  category?: FindingCategory;
}

/**
 * Step logs of one task, fetched live through the backend.
 *
 * @public
 */
export interface TaskLogsResponse {
  steps: Array<{ name: string; container?: string; log: string }>;
}

/**
 * What a rollback started: the component's deploy pipeline, for one environment and version.
 *
 * @public
 */
export interface RollbackStartedRun extends StartedRun {
  /** The version being deployed again. */
  version: string;
  environment: string;
}

/**
 * Client of the Slipway delivery backend (`/api/delivery`).
 *
 * @public
 */
export interface DeliveryApi {
  listRuns(request: ListRunsRequest): Promise<PipelineRunPage>;
  getRun(uid: string): Promise<PipelineRunWithTasks>;
  /** Step logs of a task (by task run name or pipeline task name). */
  getTaskLogs(uid: string, task: string): Promise<TaskLogsResponse>;
  /** Starts a new run from this one's spec; needs `delivery.run.execute`. */
  rerun(uid: string): Promise<{ name: string; uid?: string }>;
  /** Asks the provider to cancel a pending or running run; needs `delivery.run.execute`. */
  cancel(uid: string): Promise<void>;
  /** The pipelines the entity has run before, which a user may start again. */
  listPipelines(entity: CompoundEntityRef): Promise<PipelineSummaryList>;
  /** A pipeline's definition, read live from its provider: the params a start form asks for. */
  getPipelineDefinition(
    entity: CompoundEntityRef,
    provider: string,
    pipelineName: string,
  ): Promise<PipelineDefinition>;
  /**
   * Starts a run of a pipeline the entity ran before; needs `delivery.run.execute`. A retry
   * with the same `idempotencyKey` answers the first start instead of starting again.
   */
  startRun(
    entity: CompoundEntityRef,
    request: StartRunRequest,
    idempotencyKey?: string,
  ): Promise<StartedRun>;
  /** Per-pipeline success rate, duration median/p90 and failure reasons over `days`. */
  getPipelineStats(
    entity: CompoundEntityRef,
    days?: number,
    series?: 'week',
  ): Promise<EntityPipelineStats>;
  /** Findings, most severe first. */
  listFindings(request: ListFindingsRequest): Promise<FindingPage>;
  /** The security gate's verdict for the entity. */
  getSecurityGate(entity: CompoundEntityRef): Promise<SecurityGateVerdict>;
  /** Suppresses a finding until `expiresAt`; needs `delivery.finding.suppress`. */
  suppressFinding(
    id: string,
    suppression: {
      reason: SuppressionReason;
      comment: string;
      expiresAt: string;
    },
  ): Promise<Finding>;
  /** Revokes a finding's active suppression; needs `delivery.finding.suppress`. */
  unsuppressFinding(id: string): Promise<Finding>;
  /** Open findings by severity at the end of each of the last `days` days. */
  getFindingsTrend(
    entity: CompoundEntityRef,
    days?: number,
  ): Promise<{ points: FindingTrendPoint[] }>;
  /** Security posture per owning team, over the components the user may read. */
  getSecurityPosture(owner?: string): Promise<{ teams: SecurityPostureRow[] }>;
  /** DORA metrics of an entity over `[from, to)` (default: the last 30 days). */
  getDora(
    request: DoraRequest & { entity: CompoundEntityRef },
  ): Promise<DoraReport>;
  /** The deployments, changes and incidents behind an entity's DORA numbers. */
  getDoraRecords(
    request: DoraRequest & { entity: CompoundEntityRef },
  ): Promise<DoraRecordsResponse>;
  /** Pooled DORA metrics of a team (with child teams), a system or a list of entities. */
  getDoraRollup(
    request: DoraRequest & {
      owner?: string;
      system?: string;
      entityRefs?: string[];
    },
  ): Promise<DoraRollupReport>;
  /** The entity's environments in promotion order: what runs there, policy, pending requests. */
  getEnvironments(entity: CompoundEntityRef): Promise<EnvironmentsView>;
  /** Approval requests, newest first; `mine` keeps those awaiting the signed-in user. */
  listApprovals(request?: ListApprovalsRequest): Promise<ApprovalPage>;
  /** One request with its history and what the signed-in user may do with it. */
  getApproval(id: string): Promise<ApprovalRequestDetails>;
  /** Asks for approval to promote a revision; needs `delivery.approval.create`. */
  requestApproval(
    request: CreateApprovalRequest,
  ): Promise<ApprovalRequestDetails>;
  /** Approves or rejects, with a comment; needs `delivery.approval.decide` and eligibility. */
  decideApproval(
    id: string,
    decision: 'approve' | 'reject',
    comment: string,
  ): Promise<ApprovalRequestDetails>;
  /** Withdraws a pending request the signed-in user made. */
  cancelApproval(id: string, comment?: string): Promise<ApprovalRequestDetails>;
  /**
   * Starts the component's deploy pipeline for an earlier version, in this one environment
   * (default: the version before the current one); needs `delivery.environment.deploy`.
   */
  rollback(
    entity: CompoundEntityRef,
    environment: string,
    version?: string,
  ): Promise<RollbackStartedRun>;
}

/**
 * Query for approval requests.
 *
 * @public
 */
export interface ListApprovalsRequest {
  state?: ApprovalState[];
  mine?: boolean;
  entityRef?: string;
  environment?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Window and options of a DORA request.
 *
 * @public
 */
export interface DoraRequest {
  from?: string;
  to?: string;
  /** Compute for this environment instead of the production tier. */
  environment?: string;
  series?: 'week';
}

/**
 * API ref of the {@link DeliveryApi}.
 *
 * @public
 */
export const deliveryApiRef = createApiRef<DeliveryApi>({
  id: 'plugin.delivery.service',
});
