import { NotFoundError } from '@backstage/errors';
import { ApprovalState } from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';
import { toDate } from '../database/rows';
import {
  allRulesSatisfied,
  approvalsPerRule,
  DecisionRow,
} from './approvalRows';
import { DecisionInput } from './ApprovalsStore';
import {
  appendHistory,
  closePending,
  DECISIONS,
  lockRequest,
  validUntil,
} from './approvalTransitions';

/** What a decision did; `conflict` is thrown by the caller after the transaction commits. */
export interface DecisionOutcome {
  transition?: ApprovalState;
  conflict?: string;
}

/**
 * One decision, inside a transaction that holds the request's row: expire a request past its
 * expiry, refuse a closed request or a second decision by the same person, record the decision,
 * then close the request when one reject arrives or every rule has its distinct approvals.
 */
export async function decideInTransaction(
  tx: Knex.Transaction,
  input: DecisionInput,
): Promise<DecisionOutcome> {
  const row = await lockRequest(tx, input.requestId);
  if (!row) {
    throw new NotFoundError(`No approval request '${input.requestId}'`);
  }
  if (row.state === 'pending' && toDate(row.expires_at) <= input.now) {
    await closePending(tx, row.id, 'expired', {
      actor: 'slipway',
      at: input.now,
    });
    return { conflict: `Approval request '${row.id}' has expired` };
  }
  if (row.state !== 'pending') {
    return {
      conflict: `Approval request '${row.id}' is ${row.state}; only pending requests take decisions`,
    };
  }
  const earlier: DecisionRow[] = await tx(DECISIONS).where({
    request_id: row.id,
  });
  if (earlier.some(d => d.user_ref === input.userRef)) {
    return {
      conflict: `${input.userRef} has already decided on request '${row.id}'`,
    };
  }
  const decision: DecisionRow = {
    request_id: row.id,
    user_ref: input.userRef,
    decision: input.decision,
    comment: input.comment,
    rule_indexes: JSON.stringify(input.ruleIndexes),
    created_at: input.now,
  };
  await tx(DECISIONS).insert(decision);
  await appendHistory(tx, {
    requestId: row.id,
    type: 'decision',
    actor: input.userRef,
    at: input.now,
    comment: `${input.decision}: ${input.comment}`,
  });

  const rules = JSON.parse(row.rules) as Array<{ required: number }>;
  let to: 'approved' | 'rejected' | undefined;
  if (input.decision === 'reject') {
    to = 'rejected';
  } else if (
    allRulesSatisfied(
      rules,
      approvalsPerRule(rules.length, [...earlier, decision]),
    )
  ) {
    to = 'approved';
  }
  if (!to) return {};
  const closed = await closePending(tx, row.id, to, {
    actor: input.userRef,
    at: input.now,
    validUntil:
      to === 'approved'
        ? validUntil(input.now, input.approvalValidForMs)
        : undefined,
  });
  return closed ? { transition: to } : {};
}
