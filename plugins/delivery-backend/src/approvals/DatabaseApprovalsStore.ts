import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ApprovalDeployRun,
  ApprovalGateStatus,
  ApprovalHistoryEntry,
  ApprovalPage,
  ApprovalRequest,
} from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';
import { decodeRunCursor, encodeRunCursor } from '../database/cursor';
import {
  ApprovalRow,
  DecisionRow,
  EligibilityRow,
  HistoryRow,
  rowToApproval,
  rowToHistory,
} from './approvalRows';
import {
  ApprovalsStore,
  DecisionInput,
  ListApprovalsQuery,
  NewApproval,
} from './ApprovalsStore';
import {
  APPROVALS,
  appendHistory,
  closePending,
  lockRequest,
  DECISIONS,
  ELIGIBILITY,
  expirePending,
  HISTORY,
  validUntil,
} from './approvalTransitions';
import { decideInTransaction } from './decideInTransaction';
import {
  ExternalApprovalUpsert,
  upsertExternalInTransaction,
} from './upsertExternal';

/** The knex-backed {@link ApprovalsStore}; the schema comes with the plugin's migrations. */
export class DatabaseApprovalsStore implements ApprovalsStore {
  constructor(private readonly db: Knex) {}

  async create(input: NewApproval) {
    return this.db.transaction(async tx => {
      const supersededRows: Array<{ id: string }> = await tx(APPROVALS)
        .where({
          entity_ref: input.entityRef,
          environment: input.environment,
          state: 'pending',
        })
        .whereNull('source')
        .select('id');
      const superseded: string[] = [];
      for (const { id } of supersededRows) {
        const done = await closePending(tx, id, 'superseded', {
          actor: input.requestedBy,
          at: input.createdAt,
          supersededBy: input.id,
          comment: `Superseded by request ${input.id}`,
        });
        if (done) superseded.push(id);
      }
      await tx(APPROVALS).insert({
        id: input.id,
        entity_ref: input.entityRef,
        environment: input.environment,
        environment_ref: input.environmentRef,
        tier: input.tier,
        revision: input.revision,
        version: input.version ?? null,
        image_digest: input.imageDigest ?? null,
        run_uid: input.runUid ?? null,
        state: 'pending',
        requested_by: input.requestedBy,
        triggered_by: input.triggeredBy ?? null,
        excluded: JSON.stringify(input.excluded),
        unresolved: input.unresolvedIdentities?.length
          ? JSON.stringify(input.unresolvedIdentities)
          : null,
        blocks_unresolved: input.blocksUnresolved ?? false,
        rules: JSON.stringify(
          input.rules.map(r => ({ name: r.name, required: r.required })),
        ),
        gates: JSON.stringify(input.gates),
        comment: input.comment ?? null,
        created_at: input.createdAt,
        expires_at: input.expiresAt,
      });
      const eligibility = input.rules.flatMap((r, ruleIndex) =>
        r.eligible.map(user_ref => ({
          request_id: input.id,
          rule_index: ruleIndex,
          user_ref,
        })),
      );
      if (eligibility.length > 0) {
        await tx.batchInsert(ELIGIBILITY, eligibility, 500);
      }
      await appendHistory(tx, {
        requestId: input.id,
        type: 'requested',
        actor: input.requestedBy,
        at: input.createdAt,
        toState: 'pending',
        comment: input.comment,
      });
      // no approver needed: approved now if its gates pass, else it waits until they do
      if (input.rules.length === 0 && input.gates.every(g => g.passed)) {
        await closePending(tx, input.id, 'approved', {
          actor: 'slipway',
          at: input.createdAt,
          comment: 'The environment requires no approval',
          validUntil: validUntil(input.createdAt, input.approvalValidForMs),
        });
      }
      const [request] = await this.load(tx, [input.id]);
      return { request, superseded };
    });
  }

  async get(id: string, now: Date): Promise<ApprovalRequest | undefined> {
    await expirePending(this.db, now, q => q.andWhere('id', id));
    const [request] = await this.load(this.db, [id]);
    return request;
  }

  async history(id: string): Promise<ApprovalHistoryEntry[]> {
    const rows: HistoryRow[] = await this.db(HISTORY)
      .where('request_id', id)
      .orderBy('seq', 'asc');
    return rows.map(rowToHistory);
  }

  async list(query: ListApprovalsQuery, now: Date): Promise<ApprovalPage> {
    await this.expireDue(now);
    let q = this.db<ApprovalRow>(`${APPROVALS} as a`).select('a.id');
    if (query.states?.length) q = q.whereIn('a.state', query.states);
    if (query.entityRef) q = q.where('a.entity_ref', query.entityRef);
    if (query.environment) q = q.where('a.environment', query.environment);
    if (query.awaitingUser) {
      const user = query.awaitingUser;
      q = q
        .whereExists(sub =>
          sub
            .from(`${ELIGIBILITY} as e`)
            .whereRaw('e.request_id = a.id')
            .andWhere('e.user_ref', user),
        )
        .whereNotExists(sub =>
          sub
            .from(`${DECISIONS} as d`)
            .whereRaw('d.request_id = a.id')
            .andWhere('d.user_ref', user),
        );
    }
    if (query.cursor) {
      const { sortAt, uid } = decodeRunCursor(query.cursor);
      q = q.where(w =>
        w
          .where('a.created_at', '<', sortAt)
          .orWhere(w2 =>
            w2.where('a.created_at', '=', sortAt).andWhere('a.id', '<', uid),
          ),
      );
    }
    const ids: Array<{ id: string }> = await q
      .orderBy([
        { column: 'a.created_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(query.limit + 1);
    const items = await this.load(
      this.db,
      ids.slice(0, query.limit).map(r => r.id),
    );
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        ids.length > query.limit && last
          ? encodeRunCursor({ sortAt: new Date(last.createdAt), uid: last.id })
          : undefined,
    };
  }

  async decide(input: DecisionInput) {
    const outcome = await this.db.transaction(tx =>
      decideInTransaction(tx, input),
    );
    if (outcome.conflict) throw new ConflictError(outcome.conflict);
    const [request] = await this.load(this.db, [input.requestId]);
    return { request, transition: outcome.transition };
  }

  async cancel(id: string, actor: string, now: Date, comment?: string) {
    const done = await this.db.transaction(tx =>
      closePending(tx, id, 'cancelled', { actor, at: now, comment }),
    );
    const [request] = await this.load(this.db, [id]);
    if (!request) throw new NotFoundError(`No approval request '${id}'`);
    if (!done) {
      throw new ConflictError(
        `Approval request '${id}' is ${request.state}; only pending requests can be cancelled`,
      );
    }
    return request;
  }

  async claimDeployRun(id: string, claim: ApprovalDeployRun) {
    const claimed = await this.db(APPROVALS)
      .where({ id, state: 'approved' })
      .whereNull('deploy_run')
      .update({ deploy_run: JSON.stringify(claim) });
    return claimed === 1;
  }

  async recordDeployRun(id: string, deployRun: ApprovalDeployRun) {
    await this.db(APPROVALS)
      .where({ id })
      .update({ deploy_run: JSON.stringify(deployRun) });
  }

  async upsertExternal(input: ExternalApprovalUpsert) {
    const id = await this.db.transaction(tx =>
      upsertExternalInTransaction(tx, input),
    );
    const [request] = await this.load(this.db, [id]);
    return request;
  }

  async hasExternal(source: string, key: string): Promise<boolean> {
    const row = await this.db(APPROVALS)
      .where({ source, external_key: key })
      .first('id');
    return row !== undefined;
  }

  async recheckGates(
    id: string,
    gates: ApprovalGateStatus[],
    now: Date,
    approvalValidForMs?: number,
  ): Promise<ApprovalRequest> {
    await this.db.transaction(async tx => {
      const row = await lockRequest(tx, id);
      if (!row || row.state !== 'pending') return;
      await tx(APPROVALS)
        .where({ id })
        .update({ gates: JSON.stringify(gates) });
      const rules =
        typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules;
      if ((rules ?? []).length === 0 && gates.every(g => g.passed)) {
        await closePending(tx, id, 'approved', {
          actor: 'slipway',
          at: now,
          comment: 'The environment requires no approval and its gates pass',
          validUntil: validUntil(now, approvalValidForMs),
        });
      }
    });
    const [request] = await this.load(this.db, [id]);
    if (!request) throw new NotFoundError(`No approval request '${id}'`);
    return request;
  }

  async expireDue(now: Date): Promise<number> {
    return (await expirePending(this.db, now)).length;
  }

  private async load(
    db: Knex | Knex.Transaction,
    ids: string[],
  ): Promise<ApprovalRequest[]> {
    if (ids.length === 0) return [];
    const [rows, eligibility, decisions] = await Promise.all([
      db<ApprovalRow>(APPROVALS).whereIn('id', ids),
      db<EligibilityRow>(ELIGIBILITY).whereIn('request_id', ids),
      db<DecisionRow>(DECISIONS)
        .whereIn('request_id', ids)
        .orderBy('created_at', 'asc'),
    ]);
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.flatMap(id => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        rowToApproval(
          row,
          eligibility.filter(e => e.request_id === id),
          decisions.filter(d => d.request_id === id),
        ),
      ];
    });
  }
}
