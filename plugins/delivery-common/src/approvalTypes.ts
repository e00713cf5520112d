import { RunStatus } from './runTypes';
import { SecurityGateVerdict } from './findingTypes';

/**
 * State of a deployment approval request. `pending` is the only open state; every other
 * state is terminal.
 *
 * @public
 */
export type ApprovalState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'superseded';

/**
 * Every {@link ApprovalState}, open first.
 *
 * @public
 */
export const APPROVAL_STATES: readonly ApprovalState[] = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'cancelled',
  'superseded',
];

/**
 * One "N of M" rule of a request: who may approve (resolved from the catalog when the request
 * was made) and who has.
 *
 * @public
 */
export interface ApprovalRuleStatus {
  name: string;
  /** Distinct approvals the rule needs. */
  required: number;
  /** Users (entity refs) who may approve under this rule, requester and authors excluded. */
  eligible: string[];
  /** Users whose approval counted for this rule. */
  approvedBy: string[];
  satisfied: boolean;
}

/**
 * A required check of a promotion: the security gate, an ML metric threshold read from the
 * run's results, or the soak time after the previous environment.
 *
 * @public
 */
export interface ApprovalGateStatus {
  kind: 'security' | 'metric' | 'soak';
  name: string;
  passed: boolean;
  detail: string;
  /**
   * For the security gate: the scans its verdict rests on (the newest complete scan of each
   * tool that could mark findings fixed).
   */
  scans?: SecurityGateVerdict['scans'];
}

/**
 * A decision on a request.
 *
 * @public
 */
export interface ApprovalDecision {
  userRef: string;
  decision: 'approve' | 'reject';
  comment: string;
  createdAt: string;
}

/**
 * One entry of a request's append-only history.
 *
 * @public
 */
export interface ApprovalHistoryEntry {
  at: string;
  type: 'requested' | 'decision' | 'transition';
  actor: string;
  fromState?: ApprovalState;
  toState?: ApprovalState;
  comment?: string;
}

/**
 * A deployment approval request, as the API answers it.
 *
 * @public
 */
export interface ApprovalRequest {
  id: string;
  entityRef: string;
  /** Environment name, e.g. `production`. */
  environment: string;
  /** The environment's catalog entity, e.g. `resource:default/production`. */
  environmentRef: string;
  tier: string;
  revision: string;
  version?: string;
  imageDigest?: string;
  runUid?: string;
  state: ApprovalState;
  /** User or service that asked. */
  requestedBy: string;
  triggeredBy?: string;
  /** Users who may not approve this request (requester, triggerer, commit authors). */
  excluded: string[];
  /**
   * Triggerer or commit authors the pipeline named that match no catalog user (by ref, e-mail
   * or SCM login annotation): nobody could check them against the approvers.
   */
  unresolvedIdentities?: string[];
  /** True while the policy lets nobody decide because of `unresolvedIdentities`. */
  blockedByUnresolved?: boolean;
  comment?: string;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  /** After approval: the promotion must start before this time. */
  validUntil?: string;
  supersededBy?: string;
  rules: ApprovalRuleStatus[];
  gates: ApprovalGateStatus[];
  decisions: ApprovalDecision[];
  /** Set when the request mirrors an approval object of another system (e.g. an ApprovalTask). */
  external?: ExternalApprovalInfo;
  /**
   * The deploy run Slipway started for this promotion once it was approved (no pipeline was
   * waiting for the verdict), or why it could not start one.
   */
  deployRun?: ApprovalDeployRun;
}

/**
 * The deploy run an approved promotion started (the component's deploy pipeline).
 *
 * @public
 */
export interface ApprovalDeployRun {
  provider: string;
  name?: string;
  uid?: string;
  url?: string;
  /** The approver whose decision started it. */
  startedBy: string;
  startedAt: string;
  /** Set instead of `name` when the run could not be started. */
  error?: string;
}

/**
 * One approver of an external approval object, in that system's own names.
 *
 * @public
 */
export interface ExternalApprover {
  /** The user or group name in the external system, e.g. a Kubernetes user name. */
  name: string;
  type: 'user' | 'group';
  input: 'pending' | 'approve' | 'reject';
  message?: string;
  /** Group members who answered, for a group approver. */
  members?: Array<{
    name: string;
    input: 'pending' | 'approve' | 'reject';
    /** The Backstage user the identity mapping links to this member. */
    userRef?: string;
  }>;
  /** Backstage users the source's identity mapping links to this approver. */
  userRefs: string[];
}

/**
 * Where an external request comes from and how to decide on it outside Slipway.
 *
 * @public
 */
export interface ExternalApprovalInfo {
  /** Name of the approval source, e.g. `tekton-approvaltask`. */
  source: string;
  /** The object's key within the source, e.g. `<cluster>/<namespace>/<name>`. */
  key: string;
  title?: string;
  approvers: ExternalApprover[];
  /** Commands that decide on the object with the external system's own tools. */
  commands: { approve: string; reject: string };
}

/**
 * A request with its history and what the caller may do with it.
 *
 * @public
 */
export interface ApprovalRequestDetails extends ApprovalRequest {
  history: ApprovalHistoryEntry[];
  viewer: {
    canDecide: boolean;
    reason?: string;
    /** For an external request Slipway cannot decide for this user: the command to run. */
    command?: string;
  };
}

/**
 * A page of approval requests, newest first.
 *
 * @public
 */
export interface ApprovalPage {
  items: ApprovalRequest[];
  nextCursor?: string;
  /** Requests of this page left out because the caller may not read their entity's approvals. */
  omitted?: number;
}

/**
 * Body of `POST /approvals`.
 *
 * @public
 */
export interface CreateApprovalRequest {
  entityRef: string;
  environment: string;
  revision: string;
  version?: string;
  imageDigest?: string;
  runUid?: string;
  /** Who started the pipeline run (a user entity ref), excluded from approving. */
  triggeredBy?: string;
  /** Authors of the commits being promoted (user entity refs or e-mail addresses). */
  commitAuthors?: string[];
  comment?: string;
}

/**
 * The policy of one environment for one component, after the component's tightening.
 *
 * @public
 */
export interface EnvironmentPolicySummary {
  rules: Array<{ name: string; approvals: number; from: string[] }>;
  preventSelfApproval: boolean;
  requestExpiresAfterHours: number;
  approvalValidForHours?: number;
  waitAfterPreviousMinutes?: number;
  securityGate: boolean;
  metrics: string[];
}

/**
 * One lane of a component's environments view.
 *
 * @public
 */
export interface EnvironmentLane {
  name: string;
  entityRef: string;
  tier: string;
  description?: string;
  /** The latest successful deployment to this environment. */
  current?: {
    deploymentId: string;
    version?: string;
    revision?: string;
    finishedAt: string;
    runUid?: string;
  };
  /** A deployment to this environment still in progress (the newest), e.g. a promotion's run. */
  deploying?: {
    runUid: string;
    runName: string;
    status: RunStatus;
    revision?: string;
    version?: string;
    startedAt?: string;
  };
  /** Earlier distinct versions, newest first, that a rollback could return to. */
  previousVersions: Array<{
    version: string;
    /** The commit of that version, which a rollback deploys. */
    revision?: string;
    finishedAt: string;
    runUid?: string;
  }>;
  pending: ApprovalRequest[];
  /** Absent when the environment needs no approval. */
  policy?: EnvironmentPolicySummary;
  /** Why the policy could not be read, naming the entity and field. */
  policyError?: string;
}

/**
 * Answer of `GET /entities/:kind/:namespace/:name/environments`.
 *
 * @public
 */
export interface EnvironmentsView {
  entityRef: string;
  environments: EnvironmentLane[];
}
