import { ApprovalState } from '@slipway/plugin-delivery-common';
import { DateTime } from 'luxon';

/** The first 7 characters of a commit sha or image digest; other revisions as they are. */
export function shortRevision(revision?: string): string {
  if (!revision) return '–';
  if (/^sha256:[0-9a-f]{12,}$/i.test(revision)) return revision.slice(0, 14);
  return /^[0-9a-f]{12,}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

/** `1.4.0 · abc1234`, or just `abc1234` when the version is the commit itself. */
export function versionLabel(version?: string, revision?: string): string {
  if (!version || version === revision) return shortRevision(revision);
  if (!revision) return shortRevision(version);
  return `${shortRevision(version)} · ${shortRevision(revision)}`;
}

/** `3 hours ago`, `in 2 days`. */
export function relative(iso?: string): string {
  return iso ? DateTime.fromISO(iso).toRelative() ?? iso : '–';
}

/** `user:default/ada` → `ada`; `service:external:ci` → `ci (pipeline)`. */
export function personName(ref: string): string {
  if (ref.startsWith('service:')) {
    return `${ref.split(':').pop()} (pipeline)`;
  }
  return ref.replace(/^[^:]+:(?:[^/]+\/)?/, '');
}

/** Chip colours of request states. */
export const STATE_COLORS: Record<ApprovalState, string> = {
  pending: '#ed6c02',
  approved: '#2e7d32',
  rejected: '#d32f2f',
  expired: '#757575',
  cancelled: '#757575',
  superseded: '#757575',
};
