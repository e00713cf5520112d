import {
  Finding,
  FindingSeverity,
  SuppressionReason,
} from '@slipway/plugin-delivery-common';
import { DateTime } from 'luxon';

/** Human labels of the suppression reasons a user can pick, in the order offered. */
export const SUPPRESSION_REASON_LABELS: Record<SuppressionReason, string> = {
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
  wont_fix: "Won't fix",
  used_in_tests: 'Used in tests',
};

/** `Critical`, `High`, … */
export function severityLabel(severity: FindingSeverity): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

/** The label of a suppression reason; reasons written in a report (e.g. VEX) are shown as they are. */
export function suppressionReasonLabel(reason: string): string {
  return (
    SUPPRESSION_REASON_LABELS[reason as SuppressionReason] ??
    reason.replace(/_/g, ' ')
  );
}

/** `Nov 20, 2026` in the user's locale, or `—`. */
export function formatDate(iso: string | undefined): string {
  return iso
    ? DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED) ?? iso
    : '—';
}

/** `Nov 20, 2026, 10:00 AM` in the user's locale, or `—`. */
export function formatDateTime(iso: string | undefined): string {
  return iso
    ? DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED) ?? iso
    : '—';
}

/** `src/app.ts:12`, `nginx:1.25 (layer sha256:…)`, the target, or `—`. */
export function formatLocation(finding: Finding): string {
  const { location } = finding;
  if (location?.path) {
    return location.startLine
      ? `${location.path}:${location.startLine}`
      : location.path;
  }
  if (location?.image) {
    return location.layer
      ? `${location.image} (layer ${location.layer})`
      : location.image;
  }
  return finding.target || '—';
}

/** `1.2.3 → 1.2.4`, `1.2.3 → no fix`, or `—` for findings without a package version. */
export function formatVersions(finding: Finding): string {
  if (!finding.installedVersion) {
    return finding.fixedVersion ? `→ ${finding.fixedVersion}` : '—';
  }
  return `${finding.installedVersion} → ${finding.fixedVersion ?? 'no fix'}`;
}
