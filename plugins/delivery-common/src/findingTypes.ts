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
 * Where a finding is: a file and lines (code, secrets, manifests) or an image and layer.
 *
 * @public
 */
export interface FindingLocation {
  path?: string;
  startLine?: number;
  endLine?: number;
  image?: string;
  layer?: string;
}

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
  location?: FindingLocation;
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
  /**
   * The scans the verdict rests on: the newest complete scan of each tool that could mark
   * findings fixed (linked to a run of the entity, or uploaded by an owner).
   */
  scans?: Array<{
    id: string;
    tool: string;
    runUid?: string;
    uploadedBy?: string;
    receivedAt: string;
  }>;
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
  /**
   * Set when the scan could not mark findings fixed although it completed: it is linked to no
   * run of the entity and was not uploaded by an owner (it only added what it found).
   */
  notClosingReason?: string;
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
