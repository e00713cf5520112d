import { ApprovalGateStatus } from '@slipway/plugin-delivery-common';
import { ExternalApprovalRecord } from '@slipway/plugin-delivery-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ApprovalRow } from './approvalRows';
import {
  APPROVALS,
  appendHistory,
  closePending,
  DECISIONS,
  ELIGIBILITY,
  lockRequest,
} from './approvalTransitions';
import { externalAnswers, externalEligible } from './externalDecisions';

/** An external object to mirror, with the entity and environment it was mapped to. */
export interface ExternalApprovalUpsert {
  source: string;
  record: ExternalApprovalRecord;
  entityRef: string;
  environment: string;
  environmentRef: string;
  tier: string;
  now: Date;
  /** Exclusions and gates of a new request, as for Slipway's own (see `ApprovalService`). */
  protections?: ApprovalProtections;
}

/** Who may not approve a request, what could not be checked, and its gates. */
export interface ApprovalProtections {
  excluded: string[];
  unresolvedIdentities: string[];
  blocksUnresolved: boolean;
  gates: ApprovalGateStatus[];
}

/** The source decides when its objects end; Slipway's own expiry stays out of the way. */
const MIRROR_EXPIRY_MS = 365 * 24 * 3600_000;
const RULE_NAME = 'Approvers of the ApprovalTask';

async function insertRequest(
  tx: Knex.Transaction,
  input: ExternalApprovalUpsert,
): Promise<ApprovalRow> {
  const { record } = input;
  const createdAt = new Date(record.createdAt);
  const id = randomUUID();
  const requestedBy = `source:${input.source}`;
  await tx(APPROVALS).insert({
    id,
    entity_ref: input.entityRef,
    environment: input.environment,
    environment_ref: input.environmentRef,
    tier: input.tier,
    revision: record.revision ?? '',
    state: 'pending',
    requested_by: requestedBy,
    excluded: JSON.stringify(input.protections?.excluded ?? []),
    unresolved: input.protections?.unresolvedIdentities.length
      ? JSON.stringify(input.protections.unresolvedIdentities)
      : null,
    blocks_unresolved: input.protections?.blocksUnresolved ?? false,
    rules: JSON.stringify([
      { name: RULE_NAME, required: record.approvalsRequired },
    ]),
    gates: JSON.stringify(input.protections?.gates ?? []),
    comment: record.title ?? null,
    created_at: createdAt,
    expires_at: new Date(createdAt.getTime() + MIRROR_EXPIRY_MS),
    source: input.source,
    external_key: record.key,
    external: '{}',
  });
  await appendHistory(tx, {
    requestId: id,
    type: 'requested',
    actor: requestedBy,
    at: createdAt,
    toState: 'pending',
    comment: record.title,
  });
  return (await lockRequest(tx, id))!;
}

/**
 * Mirrors one external object inside a transaction: creates the request the first time, keeps
 * its approvers, eligible users and display data current, records each new answer once, and
 * closes the request when the source has decided. A closed request never reopens.
 */
export async function upsertExternalInTransaction(
  tx: Knex.Transaction,
  input: ExternalApprovalUpsert,
): Promise<string> {
  const { record, source, now } = input;
  const existing = await tx<ApprovalRow>(APPROVALS)
    .where({ source, external_key: record.key })
    .first('id');
  const row = existing
    ? (await lockRequest(tx, existing.id))!
    : await insertRequest(tx, input);

  // eligibility is derived from the approvers: rewrite both only when the object changed
  const external = JSON.stringify({
    title: record.title,
    approvers: record.approvers,
    commands: record.commands,
  });
  if (row.external !== external) {
    await tx(APPROVALS).where({ id: row.id }).update({ external });
    await tx(ELIGIBILITY).where({ request_id: row.id }).delete();
    const eligible = externalEligible(record.approvers);
    if (eligible.length > 0) {
      await tx(ELIGIBILITY).insert(
        eligible.map(user_ref => ({
          request_id: row.id,
          rule_index: 0,
          user_ref,
        })),
      );
    }
  }

  const known = new Set(
    (await tx(DECISIONS).where({ request_id: row.id }).select('user_ref')).map(
      (d: { user_ref: string }) => d.user_ref,
    ),
  );
  for (const answer of externalAnswers(source, record.approvers)) {
    if (known.has(answer.person)) continue;
    await tx(DECISIONS).insert({
      request_id: row.id,
      user_ref: answer.person,
      decision: answer.decision,
      comment: answer.comment,
      rule_indexes: '[0]',
      created_at: now,
    });
    await appendHistory(tx, {
      requestId: row.id,
      type: 'decision',
      actor: answer.person,
      at: now,
      comment: `${answer.decision}: ${answer.comment}`,
    });
  }

  if (record.state !== 'pending') {
    await closePending(tx, row.id, record.state, {
      actor: `source:${source}`,
      at: now,
      comment: `Decided in ${source}`,
    });
  }
  return row.id;
}
