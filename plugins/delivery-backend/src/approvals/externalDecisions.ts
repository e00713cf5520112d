import { ExternalApprover } from '@slipway/plugin-delivery-common';

/** A person's answer on an external approval object, under the name Slipway records it. */
export interface ExternalAnswer {
  /** The mapped Backstage user, else `kubernetes:<name>` (the source's own name). */
  person: string;
  decision: 'approve' | 'reject';
  comment: string;
}

/** How an unmapped identity of a source is recorded. */
export function externalPerson(source: string, name: string): string {
  const prefix = source.startsWith('tekton') ? 'kubernetes' : source;
  return `${prefix}:${name}`;
}

/**
 * The answers an external object carries: a user approver's input, each group member's input,
 * and a group's own input when no member answered (a member decided through the group).
 */
export function externalAnswers(
  source: string,
  approvers: ExternalApprover[],
): ExternalAnswer[] {
  const answers = new Map<string, ExternalAnswer>();
  const add = (
    person: string,
    input: ExternalApprover['input'],
    comment?: string,
  ) => {
    if (input === 'pending' || answers.has(person)) return;
    answers.set(person, { person, decision: input, comment: comment ?? '' });
  };
  for (const approver of approvers) {
    if (approver.type === 'user') {
      const person =
        approver.userRefs.length === 1
          ? approver.userRefs[0]
          : externalPerson(source, approver.name);
      add(person, approver.input, approver.message);
      continue;
    }
    const answered = (approver.members ?? []).filter(
      m => m.input !== 'pending',
    );
    for (const member of answered) {
      add(
        member.userRef ?? externalPerson(source, member.name),
        member.input,
        approver.message,
      );
    }
    if (answered.length === 0) {
      add(
        externalPerson(source, `group/${approver.name}`),
        approver.input,
        approver.message,
      );
    }
  }
  return [...answers.values()];
}

/** Every Backstage user the source maps to one of the approvers. */
export function externalEligible(approvers: ExternalApprover[]): string[] {
  const users = new Set<string>();
  for (const approver of approvers) {
    approver.userRefs.forEach(u => users.add(u));
    approver.members?.forEach(m => m.userRef && users.add(m.userRef));
  }
  return [...users].sort();
}
