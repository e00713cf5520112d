/** An OpenShift Pipelines manual-approval-gate approver, as `spec.approvers[]` holds it. */
export interface ApprovalTaskApprover {
  name: string;
  /** `User` (default) or `Group`. */
  type?: string;
  /** `pending`, `approve` or `reject`. */
  input?: string;
  message?: string;
  /** Group members who answered, for a `Group` approver. */
  users?: Array<{ name: string; input?: string }>;
}

/** `openshift-pipelines.org/v1alpha1` `ApprovalTask`, the fields Slipway reads. */
export interface TektonApprovalTask {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    approvers?: ApprovalTaskApprover[];
    /** An integer; tolerated as a string too. */
    numberOfApprovalsRequired?: number | string;
    description?: string;
  };
  status?: {
    /** `pending`, `approved` or `rejected`. */
    state?: string;
    startTime?: string;
  };
}

export const APPROVAL_TASK_GROUP = 'openshift-pipelines.org';
export const APPROVAL_TASK_VERSION = 'v1alpha1';
export const APPROVAL_TASK_PLURAL = 'approvaltasks';
