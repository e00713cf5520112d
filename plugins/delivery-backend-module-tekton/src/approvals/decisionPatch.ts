import { ConflictError, NotAllowedError } from '@backstage/errors';
import { TektonApprovalTask } from './approvalTaskTypes';
import { ApprovalIdentity } from './readApprovalTaskConfig';

/** One RFC 6902 JSON Patch operation. */
export type JsonPatchOperation = {
  op: 'test' | 'replace' | 'add';
  path: string;
  value: unknown;
};

/** The patch that records a decision, and whom to impersonate while sending it. */
export interface DecisionPatch {
  operations: JsonPatchOperation[];
  impersonate: { user: string; group?: string };
}

/**
 * Builds the JSON Patch that writes one person's decision into an ApprovalTask the way the
 * manual-approval-gate webhook accepts it: only that person's own input changes, sent as that
 * person. A user approver sets its `input` (and `message`); a member of a group approver sets
 * the group's `input` and its own entry in the group's `users`. Every changed entry is guarded by
 * a `test` of its name, so a concurrent reordering fails instead of changing someone else's input.
 */
export function decisionPatch(
  task: TektonApprovalTask,
  identity: ApprovalIdentity,
  decision: 'approve' | 'reject',
  comment: string,
): DecisionPatch {
  const where = `ApprovalTask ${task.metadata.namespace}/${task.metadata.name}`;
  const state = task.status?.state ?? 'pending';
  if (state !== 'pending') {
    throw new ConflictError(`${where} is already ${state}`);
  }
  const approvers = task.spec?.approvers ?? [];
  const me = identity.kubernetesUser;
  const base = (i: number) => `/spec/approvers/${i}`;
  const decide = (i: number): JsonPatchOperation[] => [
    { op: 'test', path: `${base(i)}/name`, value: approvers[i].name },
    { op: 'replace', path: `${base(i)}/input`, value: decision },
    { op: 'add', path: `${base(i)}/message`, value: comment },
  ];

  const asUser = approvers.findIndex(
    a => (a.type ?? 'User') !== 'Group' && a.name === me,
  );
  if (asUser >= 0) {
    return { operations: decide(asUser), impersonate: { user: me } };
  }
  const asGroup = approvers.findIndex(
    a =>
      a.type === 'Group' &&
      (identity.kubernetesGroups.includes(a.name) ||
        (a.users ?? []).some(u => u.name === me)),
  );
  if (asGroup < 0) {
    throw new NotAllowedError(
      `${me} is not an approver of ${where} (approvers: ${approvers
        .map(a => a.name)
        .join(', ')})`,
    );
  }
  const group = approvers[asGroup];
  const users = group.users ?? [];
  const mine = users.findIndex(u => u.name === me);
  const member: JsonPatchOperation[] =
    mine >= 0
      ? [
          {
            op: 'test',
            path: `${base(asGroup)}/users/${mine}/name`,
            value: me,
          },
          {
            op: 'replace',
            path: `${base(asGroup)}/users/${mine}/input`,
            value: decision,
          },
        ]
      : [
          {
            op: 'add',
            path: group.users
              ? `${base(asGroup)}/users/-`
              : `${base(asGroup)}/users`,
            value: group.users
              ? { name: me, input: decision }
              : [{ name: me, input: decision }],
          },
        ];
  return {
    operations: [...decide(asGroup), ...member],
    impersonate: {
      user: me,
      group: identity.kubernetesGroups.includes(group.name)
        ? group.name
        : undefined,
    },
  };
}
