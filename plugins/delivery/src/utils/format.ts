import { DateTime, Duration } from 'luxon';

/** `1h 4m`, `4m 12s`, `9s`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) {
    return '—';
  }
  const d = Duration.fromObject({ seconds: Math.round(seconds) }).shiftTo(
    'hours',
    'minutes',
    'seconds',
  );
  if (d.hours > 0) {
    return `${d.hours}h ${d.minutes}m`;
  }
  if (d.minutes > 0) {
    return `${d.minutes}m ${d.seconds}s`;
  }
  return `${d.seconds}s`;
}

/** `3 hours ago`, relative to now. */
export function formatRelative(iso: string | undefined): string {
  return iso ? DateTime.fromISO(iso).toRelative() ?? iso : '—';
}
