import {
  Finding,
  FindingCategory,
  FindingPage,
  FindingSeverity,
  FindingStatus,
  SuppressionReason,
} from '@slipway/plugin-delivery-common';
import { ParsedReport } from '@slipway/plugin-delivery-node';

/** One upload to record: a parsed report for an entity. */
export interface ScanInput {
  entityRef: string;
  /** The scope's tool name: the upload's `tool` parameter, else the report's tool. */
  tool: string;
  runUid?: string;
  report: ParsedReport;
  now: Date;
  /** The principal that uploaded the report. */
  uploadedBy?: string;
  /**
   * Whether the scan may mark findings fixed (it is linked to a run of the entity or was
   * uploaded by an owner); without it a complete scan only adds what it found. Default true.
   */
  closes?: boolean;
}

/** A scan the security gate's verdict rests on: the newest closing scan of each tool. */
export interface GateScan {
  id: string;
  tool: string;
  runUid?: string;
  uploadedBy?: string;
  receivedAt: string;
}

/** What recording a scan changed. */
export interface ScanOutcome {
  scanId: string;
  new: number;
  fixed: number;
  reopened: number;
  suppressedInReport: number;
}

export interface ListFindingsQuery {
  entityRef: string;
  limit: number;
  cursor?: string;
  status?: FindingStatus[];
  severity?: FindingSeverity[];
  tool?: string;
  category?: FindingCategory;
}

/** Counts the gate decides on: open and overdue findings without an active suppression. */
export interface GateCounts {
  open: Record<FindingSeverity, number>;
  overdue: Record<FindingSeverity, number>;
  openSecrets: number;
}

/** What trends and posture are computed from: one row per finding, unsuppressed only. */
export interface FindingFact {
  entityRef: string;
  severity: FindingSeverity;
  category: FindingCategory;
  firstSeenAt: Date;
  fixedAt?: Date;
}

export interface NewSuppression {
  reason: SuppressionReason;
  comment: string;
  author: string;
  expiresAt: Date;
}

/**
 * Persistence of findings. A scan is recorded in one transaction: a failed upload leaves nothing.
 */
export interface FindingsStore {
  recordScan(input: ScanInput): Promise<ScanOutcome>;
  /** The newest complete scan of each tool that could mark the entity's findings fixed. */
  gateScans(entityRef: string, limit: number): Promise<GateScan[]>;
  /** `slaDays` decides `overdue` and `slaDueAt` of the answered findings. */
  listFindings(
    query: ListFindingsQuery,
    now: Date,
    slaDays: Record<FindingSeverity, number>,
  ): Promise<FindingPage>;
  getFinding(
    id: string,
    now: Date,
    slaDays: Record<FindingSeverity, number>,
  ): Promise<Finding | undefined>;
  gateCounts(
    entityRef: string,
    now: Date,
    slaDays: Record<FindingSeverity, number>,
  ): Promise<GateCounts>;
  /**
   * Unsuppressed findings of these entities (all entities when omitted) that were open at some
   * time in `[since, now]`: first seen before `now`, not fixed before `since`.
   */
  listFindingFacts(
    entityRefs: string[] | undefined,
    since: Date,
    now: Date,
  ): Promise<FindingFact[]>;
  suppress(id: string, suppression: NewSuppression, now: Date): Promise<void>;
  /** Revokes the active suppression; false when there was none. */
  unsuppress(id: string, actor: string, now: Date): Promise<boolean>;
}
