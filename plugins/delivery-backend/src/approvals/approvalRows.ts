import {
  ApprovalDecision,
  ExternalApprovalInfo,
  ApprovalHistoryEntry,
  ApprovalRequest,
  ApprovalState,
} from '@slipway/plugin-delivery-common';
import { toDate } from '../database/rows';

type DbTime = Date | number | string;

export interface ApprovalRow {
  id: string;
  entity_ref: string;
  environment: string;
  environment_ref: string;
  tier: string;
  revision: string;
  version: string | null;
  image_digest: string | null;
  run_uid: string | null;
  state: string;
  requested_by: string;
  triggered_by: string | null;
  excluded: string;
  unresolved?: string | null;
  blocks_unresolved?: boolean | number | null;
  deploy_run?: string | null;
  rules: string;
  gates: string;
  comment: string | null;
  created_at: DbTime;
  expires_at: DbTime;
  decided_at: DbTime | null;
  valid_until: DbTime | null;
  superseded_by: string | null;
  source?: string | null;
  external_key?: string | null;
  external?: string | null;
}

export interface EligibilityRow {
  request_id: string;
  rule_index: number;
  user_ref: string;
}

export interface DecisionRow {
  request_id: string;
  user_ref: string;
  decision: string;
  comment: string;
  rule_indexes: string;
  created_at: DbTime;
}

export interface HistoryRow {
  seq: number | string;
  request_id: string;
  type: string;
  actor: string;
  from_state: string | null;
  to_state: string | null;
  comment: string | null;
  at: DbTime;
}

const iso = (t: DbTime) => toDate(t).toISOString();
const isoOrUndefined = (t: DbTime | null) => (t === null ? undefined : iso(t));
const orUndefined = <T>(v: T | null) => (v === null ? undefined : v);

/** Per rule: the people who approved and whose approval counted for it. */
export function approvalsPerRule(
  ruleCount: number,
  decisions: Array<Pick<DecisionRow, 'user_ref' | 'decision' | 'rule_indexes'>>,
): string[][] {
  const per: string[][] = Array.from({ length: ruleCount }, () => []);
  for (const d of decisions) {
    if (d.decision !== 'approve') continue;
    for (const index of JSON.parse(d.rule_indexes) as number[]) {
      if (index < ruleCount && !per[index].includes(d.user_ref)) {
        per[index].push(d.user_ref);
      }
    }
  }
  return per;
}

/** Whether every rule has its number of distinct approvals. */
export function allRulesSatisfied(
  rules: Array<{ required: number }>,
  approvedBy: string[][],
): boolean {
  return rules.every((r, i) => approvedBy[i].length >= r.required);
}

function externalOf(row: ApprovalRow): ExternalApprovalInfo | undefined {
  if (!row.source || !row.external_key) return undefined;
  const data = JSON.parse(
    row.external ?? '{}',
  ) as Partial<ExternalApprovalInfo>;
  return {
    source: row.source,
    key: row.external_key,
    title: data.title,
    approvers: data.approvers ?? [],
    commands: data.commands ?? { approve: '', reject: '' },
  };
}

export function rowToApproval(
  row: ApprovalRow,
  eligibility: EligibilityRow[],
  decisions: DecisionRow[],
): ApprovalRequest {
  const rules = JSON.parse(row.rules) as Array<{
    name: string;
    required: number;
  }>;
  const approvedBy = approvalsPerRule(rules.length, decisions);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    environmentRef: row.environment_ref,
    tier: row.tier,
    revision: row.revision,
    version: orUndefined(row.version),
    imageDigest: orUndefined(row.image_digest),
    runUid: orUndefined(row.run_uid),
    state: row.state as ApprovalState,
    requestedBy: row.requested_by,
    triggeredBy: orUndefined(row.triggered_by),
    excluded: JSON.parse(row.excluded),
    unresolvedIdentities: row.unresolved
      ? JSON.parse(row.unresolved)
      : undefined,
    blockedByUnresolved: Boolean(row.blocks_unresolved) || undefined,
    deployRun: row.deploy_run ? JSON.parse(row.deploy_run) : undefined,
    comment: orUndefined(row.comment),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    decidedAt: isoOrUndefined(row.decided_at),
    validUntil: isoOrUndefined(row.valid_until),
    supersededBy: orUndefined(row.superseded_by),
    rules: rules.map((r, i) => ({
      name: r.name,
      required: r.required,
      eligible: eligibility
        .filter(e => e.rule_index === i)
        .map(e => e.user_ref)
        .sort(),
      approvedBy: approvedBy[i],
      satisfied: approvedBy[i].length >= r.required,
    })),
    gates: JSON.parse(row.gates),
    decisions: decisions.map(
      (d): ApprovalDecision => ({
        userRef: d.user_ref,
        decision: d.decision as ApprovalDecision['decision'],
        comment: d.comment,
        createdAt: iso(d.created_at),
      }),
    ),
    external: externalOf(row),
  };
}

export function rowToHistory(row: HistoryRow): ApprovalHistoryEntry {
  return {
    at: iso(row.at),
    type: row.type as ApprovalHistoryEntry['type'],
    actor: row.actor,
    fromState: orUndefined(row.from_state) as ApprovalState | undefined,
    toState: orUndefined(row.to_state) as ApprovalState | undefined,
    comment: orUndefined(row.comment),
  };
}
