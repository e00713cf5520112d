import { ApprovalState } from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';
import { ApprovalRow } from './approvalRows';

export const APPROVALS = 'delivery_approvals';
export const ELIGIBILITY = 'delivery_approval_eligibility';
export const DECISIONS = 'delivery_approval_decisions';
export const HISTORY = 'delivery_approval_history';

/** Appends one entry to a request's history. */
export async function appendHistory(
  tx: Knex | Knex.Transaction,
  entry: {
    requestId: string;
    type: 'requested' | 'decision' | 'transition';
    actor: string;
    at: Date;
    fromState?: ApprovalState;
    toState?: ApprovalState;
    comment?: string;
  },
): Promise<void> {
  await tx(HISTORY).insert({
    request_id: entry.requestId,
    type: entry.type,
    actor: entry.actor,
    from_state: entry.fromState ?? null,
    to_state: entry.toState ?? null,
    comment: entry.comment ?? null,
    at: entry.at,
  });
}

/**
 * Moves a request out of `pending`, only if it still is (a conditional update): answers
 * whether this call made the transition. The history entry is written with it.
 */
export async function closePending(
  tx: Knex | Knex.Transaction,
  id: string,
  to: Exclude<ApprovalState, 'pending'>,
  change: {
    actor: string;
    at: Date;
    comment?: string;
    validUntil?: Date;
    supersededBy?: string;
  },
): Promise<boolean> {
  const updated = await tx(APPROVALS)
    .where({ id, state: 'pending' })
    .update({
      state: to,
      decided_at: change.at,
      valid_until: change.validUntil ?? null,
      superseded_by: change.supersededBy ?? null,
    });
  if (updated !== 1) return false;
  await appendHistory(tx, {
    requestId: id,
    type: 'transition',
    actor: change.actor,
    at: change.at,
    fromState: 'pending',
    toState: to,
    comment: change.comment,
  });
  return true;
}

/** Reads a request's row, holding it (FOR UPDATE) on databases that lock rows. */
export async function lockRequest(
  tx: Knex.Transaction,
  id: string,
): Promise<ApprovalRow | undefined> {
  const query = tx<ApprovalRow>(APPROVALS).where({ id }).first();
  return tx.client.config.client === 'pg' ? query.forUpdate() : query;
}

/** Expires the pending requests past their expiry; answers the ids this call expired. */
export async function expirePending(
  db: Knex,
  now: Date,
  filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder = q => q,
): Promise<string[]> {
  const due: Array<{ id: string; expires_at: Date | string | number }> =
    await filter(
      db(APPROVALS)
        .where('state', 'pending')
        .andWhere('expires_at', '<=', now)
        .select('id', 'expires_at'),
    );
  const expired: string[] = [];
  for (const row of due) {
    const done = await db.transaction(tx =>
      closePending(tx, row.id, 'expired', { actor: 'slipway', at: now }),
    );
    if (done) expired.push(row.id);
  }
  return expired;
}

/** When an approval given at `at` stops being valid; never when the policy sets no validity. */
export function validUntil(at: Date, validForMs?: number): Date | undefined {
  return validForMs === undefined
    ? undefined
    : new Date(at.getTime() + validForMs);
}
