import { RunStatus, RunValue } from '@slipway/plugin-delivery-common';
import { DateTime } from 'luxon';

/** Statuses of runs and tasks that can still change. */
export function isActiveStatus(status: RunStatus): boolean {
  return status === 'pending' || status === 'running';
}

/** Statuses that count as a failure when picking the task to show first. */
export function isFailureStatus(status: RunStatus): boolean {
  return status === 'failed' || status === 'timedOut';
}

/** The exact local time of an ISO timestamp, for tooltips: `20 Nov 2026, 10:00:05`. */
export function formatTimestamp(iso: string | undefined): string | undefined {
  if (!iso) {
    return undefined;
  }
  const time = DateTime.fromISO(iso);
  return time.isValid
    ? time.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : iso;
}

/** Milliseconds since the epoch of an ISO timestamp, or undefined when absent or invalid. */
export function toMillis(iso: string | undefined): number | undefined {
  if (!iso) {
    return undefined;
  }
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? undefined : millis;
}

/**
 * Seconds between `startedAt` and `completedAt` (or `now` while still going), or undefined
 * without a start.
 */
export function elapsedSeconds(
  startedAt: string | undefined,
  completedAt: string | undefined,
  now: number = Date.now(),
): number | undefined {
  const start = toMillis(startedAt);
  if (start === undefined) {
    return undefined;
  }
  const end = toMillis(completedAt) ?? now;
  return Math.max(0, (end - start) / 1000);
}

/** Whether a string reads as a number (`0.93`, `-4`, `1e-3`, `87%`). */
export function isNumeric(text: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$/i.test(text.trim());
}

/** One displayable line of a {@link RunValue}: an optional key and its text. */
export interface ValueLine {
  key?: string;
  text: string;
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    return undefined;
  }
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/**
 * The lines to show for a param or result value: one per array item, one `key: value` per
 * object entry, and JSON-encoded string values (common for Tekton results) unpacked the same
 * way. Plain strings lose their trailing newline.
 */
export function valueLines(value: RunValue['value']): ValueLine[] {
  let unpacked: unknown = value;
  if (typeof value === 'string') {
    const json = parseJson(value);
    if (json === undefined || json === null) {
      return [{ text: value.trim() }];
    }
    unpacked = json;
  }
  if (Array.isArray(unpacked)) {
    return unpacked.map(item => ({ text: stringify(item) }));
  }
  if (typeof unpacked === 'object' && unpacked !== null) {
    return Object.entries(unpacked).map(([key, item]) => ({
      key,
      text: stringify(item),
    }));
  }
  return [{ text: stringify(unpacked) }];
}
