import {
  ANNOTATION_KUBERNETES_ID,
  ExternalApprover,
} from '@slipway/plugin-delivery-common';
import { ExternalApprovalRecord } from '@slipway/plugin-delivery-node';
import { ApprovalTaskApprover, TektonApprovalTask } from './approvalTaskTypes';
import { ApprovalTaskConfig } from './readApprovalTaskConfig';

/** The source name Slipway stores with every mirrored ApprovalTask. */
export const APPROVAL_TASK_SOURCE = 'tekton-approvaltask';

/** Revision labels set by Pipelines as Code, or Slipway's own. */
const REVISION_LABELS = [
  'pipelinesascode.tekton.dev/sha',
  'slipway.dev/revision',
];

/**
 * Labels naming who started the run (inherited from the PipelineRun): Pipelines as Code's
 * event sender (an SCM login), or Slipway's own. Slipway resolves the login through the catalog
 * and excludes that user from approving, as for its own requests.
 */
const TRIGGERED_BY_LABELS = [
  'pipelinesascode.tekton.dev/sender',
  'slipway.dev/triggered-by',
];

type Input = ExternalApprover['input'];

function input(value?: string): Input {
  return value === 'approve' || value === 'reject' ? value : 'pending';
}

function state(value?: string): ExternalApprovalRecord['state'] {
  return value === 'approved' || value === 'rejected' ? value : 'pending';
}

/** `<cluster>/<namespace>/<name>`: an ApprovalTask's key in Slipway. */
export function approvalTaskKey(cluster: string, task: TektonApprovalTask) {
  return `${cluster}/${task.metadata.namespace ?? 'default'}/${
    task.metadata.name
  }`;
}

function toApprover(
  approver: ApprovalTaskApprover,
  config: ApprovalTaskConfig,
): ExternalApprover {
  const userRefOf = (name: string) =>
    config.identities.find(i => i.kubernetesUser === name)?.userRef;
  if ((approver.type ?? 'User') !== 'Group') {
    const userRef = userRefOf(approver.name);
    return {
      name: approver.name,
      type: 'user',
      input: input(approver.input),
      message: approver.message || undefined,
      userRefs: userRef ? [userRef] : [],
    };
  }
  const members = (approver.users ?? []).map(u => ({
    name: u.name,
    input: input(u.input),
    userRef: userRefOf(u.name),
  }));
  const userRefs = new Set(
    config.identities
      .filter(i => i.kubernetesGroups.includes(approver.name))
      .map(i => i.userRef),
  );
  members.forEach(m => m.userRef && userRefs.add(m.userRef));
  return {
    name: approver.name,
    type: 'group',
    input: input(approver.input),
    message: approver.message || undefined,
    members,
    userRefs: [...userRefs].sort(),
  };
}

/**
 * Maps an ApprovalTask to the record Slipway mirrors: its approvers with the Backstage users the
 * identity mapping links to them, its state as the manual-approval-gate controller set it, and
 * the CLI commands that decide on it. The entity is found from the labels the task inherits
 * from its PipelineRun (`backstage.io/kubernetes-id` or an entity's label selector).
 */
export function approvalTaskToRecord(
  cluster: string,
  task: TektonApprovalTask,
  config: ApprovalTaskConfig,
): ExternalApprovalRecord {
  const { name, namespace = 'default', labels = {} } = task.metadata;
  const required = Number(task.spec?.numberOfApprovalsRequired ?? 1);
  const revision = REVISION_LABELS.map(l => labels[l]).find(Boolean);
  const triggeredBy = TRIGGERED_BY_LABELS.map(l => labels[l]).find(Boolean);
  return {
    key: approvalTaskKey(cluster, task),
    title: task.spec?.description || undefined,
    kubernetesId: labels[ANNOTATION_KUBERNETES_ID],
    labels,
    namespace,
    environment: labels[config.environmentLabel],
    revision,
    ...(triggeredBy ? { triggeredBy } : {}),
    state: state(task.status?.state),
    approvalsRequired: Number.isFinite(required) && required > 0 ? required : 1,
    approvers: (task.spec?.approvers ?? []).map(a => toApprover(a, config)),
    createdAt:
      task.metadata.creationTimestamp ??
      task.status?.startTime ??
      new Date().toISOString(),
    commands: {
      approve: `${config.cli} approve ${name} -n ${namespace}`,
      reject: `${config.cli} reject ${name} -n ${namespace}`,
    },
  };
}
