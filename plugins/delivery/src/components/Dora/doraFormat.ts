import { formatDuration } from '../../utils/format';

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;

/** `—` for an undefined value (no deployments, no samples). */
export const NO_VALUE = '—';

/** A rate in [0, 1] as a whole percentage (`12.5%` keeps one decimal), `—` for `null`. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) {
    return NO_VALUE;
  }
  const percent = rate * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

/**
 * A median duration: `5h 0m` under two days (as elsewhere in the plugin), `3d 4h` above,
 * `—` for `null`.
 */
export function formatDoraDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) {
    return NO_VALUE;
  }
  if (seconds < 2 * DAY_SECONDS) {
    return formatDuration(seconds);
  }
  const days = Math.floor(seconds / DAY_SECONDS);
  const hours = Math.round((seconds - days * DAY_SECONDS) / 3600);
  return `${days}d ${hours}h`;
}

/** Deployments per day as `1.5/day`, or per week (`2.3/week`) when under one a day. */
export function formatFrequency(deploymentsPerDay: number): string {
  const round = (n: number) => Number(n.toFixed(n >= 10 ? 0 : 1));
  if (deploymentsPerDay >= 1) {
    return `${round(deploymentsPerDay)}/day`;
  }
  return `${round(deploymentsPerDay * 7)}/week`;
}

/** `1 deployment`, `3 deployments`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** An ISO timestamp as `2026-01-08 10:00` (UTC), `—` when absent. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) {
    return NO_VALUE;
  }
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The choices of the window picker: a number of days back from now. */
export const DORA_WINDOWS = [
  { value: 7, label: 'Last 7 days' },
  { value: 30, label: 'Last 30 days' },
  { value: 90, label: 'Last 90 days' },
  { value: 84, label: 'Last 12 weeks' },
] as const;

/** A window `[now − days, now)` as ISO strings. */
export function windowOf(
  days: number,
  now: number = Date.now(),
): { from: string; to: string } {
  return {
    from: new Date(now - days * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
  };
}
