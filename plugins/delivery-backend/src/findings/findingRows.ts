import {
  Finding,
  FindingCategory,
  FindingSeverity,
  FindingStatus,
} from '@slipway/plugin-delivery-common';
import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { toDate } from '../database/rows';

export const SEVERITY_RANK: Record<FindingSeverity, number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  info: 1,
};

type Time = Date | number | string;

/** A row of `delivery_findings`. */
export interface FindingRow {
  id: number | string;
  entity_ref: string;
  tool: string;
  target: string;
  fingerprint: string;
  tool_version: string | null;
  category: string;
  severity: string;
  severity_rank: number;
  rule_id: string;
  title: string;
  package: string | null;
  installed_version: string | null;
  fixed_version: string | null;
  details: string;
  status: string;
  first_seen_at: Time;
  last_seen_at: Time;
  fixed_at: Time | null;
  last_run_uid: string | null;
  fixed_run_uid: string | null;
  report_suppressed: boolean | number;
}

/** A row of `delivery_finding_suppressions`. */
export interface SuppressionRow {
  id: number | string;
  finding_id: number | string;
  reason: string;
  comment: string;
  author: string;
  created_at: Time;
  expires_at: Time;
  revoked_at: Time | null;
  revoked_by: string | null;
}

type FindingDetails = Pick<
  ParsedFinding,
  'aliases' | 'description' | 'location' | 'references' | 'suppression'
>;

/** Columns that follow the latest report (everything but identity and lifecycle). */
export function reportedColumns(finding: ParsedFinding, toolVersion?: string) {
  const details: FindingDetails = {
    aliases: finding.aliases,
    description: finding.description,
    location: finding.location,
    references: finding.references,
    suppression: finding.suppression,
  };
  return {
    tool_version: toolVersion ?? null,
    category: finding.category,
    severity: finding.severity,
    severity_rank: SEVERITY_RANK[finding.severity],
    rule_id: finding.ruleId.slice(0, 255),
    title: finding.title.slice(0, 1024),
    package: finding.package?.slice(0, 512) ?? null,
    installed_version: finding.installedVersion?.slice(0, 255) ?? null,
    fixed_version: finding.fixedVersion?.slice(0, 255) ?? null,
    details: JSON.stringify(details),
    report_suppressed: Boolean(finding.suppression),
  };
}

const DAY_MS = 86_400_000;

export function rowToFinding(
  row: FindingRow,
  suppression: SuppressionRow | undefined,
  now: Date,
  slaDays: Record<FindingSeverity, number>,
): Finding {
  const details = JSON.parse(row.details) as FindingDetails;
  const severity = row.severity as FindingSeverity;
  const firstSeen = toDate(row.first_seen_at);
  const slaDue = new Date(firstSeen.getTime() + slaDays[severity] * DAY_MS);
  const fixed = row.status === 'fixed';
  let activeSuppression: Finding['suppression'];
  if (suppression) {
    activeSuppression = {
      source: 'user',
      reason: suppression.reason,
      comment: suppression.comment,
      author: suppression.author,
      expiresAt: toDate(suppression.expires_at).toISOString(),
    };
  } else if (details.suppression) {
    activeSuppression = {
      source: 'report',
      reason: details.suppression.kind,
      comment: details.suppression.justification,
    };
  }
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    tool: row.tool,
    toolVersion: row.tool_version ?? undefined,
    target: row.target,
    fingerprint: row.fingerprint,
    category: row.category as FindingCategory,
    severity,
    ruleId: row.rule_id,
    aliases: details.aliases,
    title: row.title,
    description: details.description,
    package: row.package ?? undefined,
    installedVersion: row.installed_version ?? undefined,
    fixedVersion: row.fixed_version ?? undefined,
    location: details.location,
    references: details.references,
    status: row.status as FindingStatus,
    suppression: activeSuppression,
    overdue: !fixed && !activeSuppression && slaDue.getTime() < now.getTime(),
    slaDueAt: fixed ? undefined : slaDue.toISOString(),
    firstSeenAt: firstSeen.toISOString(),
    lastSeenAt: toDate(row.last_seen_at).toISOString(),
    fixedAt:
      row.fixed_at === null ? undefined : toDate(row.fixed_at).toISOString(),
    lastRunUid: row.last_run_uid ?? undefined,
    fixedRunUid: row.fixed_run_uid ?? undefined,
  };
}
