import { ExternalApprovalUpsert } from './upsertExternal';
import {
  ApprovalDeployRun,
  ApprovalGateStatus,
  ApprovalHistoryEntry,
  ApprovalPage,
  ApprovalRequest,
  ApprovalState,
} from '@slipway/plugin-delivery-common';

/** A request to store, with its rules' eligible people already resolved. */
export interface NewApproval {
  id: string;
  entityRef: string;
  environment: string;
  environmentRef: string;
  tier: string;
  revision: string;
  version?: string;
  imageDigest?: string;
  runUid?: string;
  requestedBy: string;
  triggeredBy?: string;
  excluded: string[];
  /** Identities the pipeline named that match no catalog user. */
  unresolvedIdentities?: string[];
  /** Whether the policy lets nobody decide while they are unresolved. */
  blocksUnresolved?: boolean;
  rules: Array<{ name: string; required: number; eligible: string[] }>;
  gates: ApprovalGateStatus[];
  comment?: string;
  createdAt: Date;
  expiresAt: Date;
  /** How long an approval stays valid; unlimited when absent. */
  approvalValidForMs?: number;
}

/** One person's decision; `ruleIndexes` are the rules the person is eligible for now. */
export interface DecisionInput {
  requestId: string;
  userRef: string;
  decision: 'approve' | 'reject';
  comment: string;
  ruleIndexes: number[];
  now: Date;
  approvalValidForMs?: number;
}

export interface ListApprovalsQuery {
  states?: ApprovalState[];
  entityRef?: string;
  environment?: string;
  /** Only requests this user is eligible for and has not decided yet. */
  awaitingUser?: string;
  limit: number;
  cursor?: string;
}

/**
 * Persistence of approval requests. Every state change is a conditional update inside a
 * transaction that holds the request's row, so concurrent decisions never double-count and a
 * closed request never reopens; every change appends to the request's history.
 */
export interface ApprovalsStore {
  /** Stores a request, superseding the pending ones for the same entity and environment. */
  create(
    input: NewApproval,
  ): Promise<{ request: ApprovalRequest; superseded: string[] }>;
  get(id: string, now: Date): Promise<ApprovalRequest | undefined>;
  history(id: string): Promise<ApprovalHistoryEntry[]>;
  list(query: ListApprovalsQuery, now: Date): Promise<ApprovalPage>;
  /**
   * Records a decision and makes the transition it causes. ConflictError when the request is
   * not pending (also when it just expired) or the person decided already.
   */
  decide(
    input: DecisionInput,
  ): Promise<{ request: ApprovalRequest; transition?: ApprovalState }>;
  /** Cancels a pending request; ConflictError when it is not pending. */
  cancel(
    id: string,
    actor: string,
    now: Date,
    comment?: string,
  ): Promise<ApprovalRequest>;
  /**
   * Mirrors an external approval object (created once per source and key, updated after);
   * answers the request as it is now.
   */
  upsertExternal(input: ExternalApprovalUpsert): Promise<ApprovalRequest>;
  /** Whether an external object is mirrored already (its entity and environment are then set). */
  hasExternal(source: string, key: string): Promise<boolean>;
  /** Marks every pending request past its expiry as expired; answers how many. */
  expireDue(now: Date): Promise<number>;
  /**
   * Stores the gates of a pending request as evaluated now; a request without approval rules
   * is approved when they all pass. Answers the request as it is then.
   */
  recheckGates(
    id: string,
    gates: ApprovalGateStatus[],
    now: Date,
    approvalValidForMs?: number,
  ): Promise<ApprovalRequest>;
  /**
   * Claims the start of an approved request's deploy run: true for the one caller that set
   * `deployRun` first (the request is approved and had none), false for everyone else.
   */
  claimDeployRun(id: string, claim: ApprovalDeployRun): Promise<boolean>;
  /** Records the started run (or the error) on a request whose deploy run was claimed. */
  recordDeployRun(id: string, deployRun: ApprovalDeployRun): Promise<void>;
}
