import { ExternalApprover } from '@slipway/plugin-delivery-common';

/**
 * An approval object of another system (for example an OpenShift Pipelines manual-approval-gate
 * `ApprovalTask`), as its source reports it. The backend shows it as an approval request of the
 * entity the object belongs to.
 *
 * @public
 */
export interface ExternalApprovalRecord {
  /** Unique within the source and stable over the object's life, e.g. `<cluster>/<ns>/<name>`. */
  key: string;
  /** What is being approved, e.g. the object's description. */
  title?: string;
  /** Used to find the entity, as for runs: the `backstage.io/kubernetes-id` label ... */
  kubernetesId?: string;
  /** ... or labels matched against entities' label selectors ... */
  labels?: Record<string, string>;
  /** ... within the entity's namespace annotation, when set. */
  namespace?: string;
  /** Environment being promoted to, when the object says (label or run). */
  environment?: string;
  /** Revision or version being promoted, when known. */
  revision?: string;
  /**
   * Who started the pipeline run that waits (a user ref, e-mail or SCM login), when the source
   * knows: excluded from approving, as for Slipway's own requests.
   */
  triggeredBy?: string;
  /** Authors of the promoted commits (refs, e-mails or logins), when the source knows. */
  commitAuthors?: string[];
  /** The external system's verdict: it decides, Slipway mirrors. */
  state: 'pending' | 'approved' | 'rejected';
  approvalsRequired: number;
  approvers: ExternalApprover[];
  createdAt: string;
  /** Commands that decide on the object with the external system's own tools. */
  commands: { approve: string; reject: string };
}

/**
 * What the backend hands an approval source to report its objects through. Writes are
 * idempotent by key; objects whose entity is unknown are skipped until a later report.
 *
 * @public
 */
export interface ExternalApprovalSink {
  upsertExternalApprovals(records: ExternalApprovalRecord[]): Promise<void>;
}

/**
 * A Backstage user's decision, to be written to the external system.
 *
 * @public
 */
export interface ExternalApprovalDecision {
  key: string;
  userRef: string;
  decision: 'approve' | 'reject';
  comment: string;
}

/**
 * A system whose approval objects Slipway shows beside its own requests.
 *
 * The source decides whether Slipway may write a user's decision back: only when its identity
 * mapping names the user (the external system checks who writes, so Slipway acts as that
 * identity). Otherwise requests are read-only and the UI shows {@link ExternalApprovalRecord.commands}.
 *
 * @public
 */
export interface ExternalApprovalSource {
  /** A stable, unique name, e.g. `tekton-approvaltask`; stored with each request. */
  getSourceName(): string;
  /** Start reporting objects into the sink. Must not throw for unreachable systems: log instead. */
  connect(sink: ExternalApprovalSink): Promise<void>;
  /** Whether Slipway can write this user's decisions to the source. */
  canWriteFor(userRef: string): boolean;
  /**
   * Writes the decision as the user's mapped identity; resolves with the object as it is
   * afterwards. Throws `NotAllowedError` when the user has no mapped identity or the source
   * refuses, `NotFoundError` when the object is gone.
   */
  decide(decision: ExternalApprovalDecision): Promise<ExternalApprovalRecord>;
}
