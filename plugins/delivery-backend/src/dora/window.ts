import { DoraWindow } from './types';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Milliseconds in one week (the slice of the weekly series). */
export const WEEK_MS = 7 * DAY_MS;

/** Throws a RangeError unless `window` has valid dates and `from` is before `to`. */
export function assertWindow(window: DoraWindow): void {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw new RangeError('DORA window has an invalid date');
  }
  if (to <= from) {
    throw new RangeError('DORA window must have from < to');
  }
}

/** Rule 3: `windowDays = (to − from) / 1 day` (fractional for windows not a whole number of days). */
export function windowDays(window: DoraWindow): number {
  return (window.to.getTime() - window.from.getTime()) / DAY_MS;
}

/** Rule 3: whether `at` lies in the half-open window `[from, to)`. */
export function inWindow(at: Date, window: DoraWindow): boolean {
  const t = at.getTime();
  return t >= window.from.getTime() && t < window.to.getTime();
}

/** Consecutive 7-day slices of `window` starting at `from`; the last one may be shorter. */
export function weekSlices(window: DoraWindow): DoraWindow[] {
  const slices: DoraWindow[] = [];
  const end = window.to.getTime();
  for (let start = window.from.getTime(); start < end; start += WEEK_MS) {
    slices.push({
      from: new Date(start),
      to: new Date(Math.min(start + WEEK_MS, end)),
    });
  }
  return slices;
}

/** Duration from `start` to `end` in seconds (negative when `end` is earlier). */
export function secondsBetween(start: Date, end: Date): number {
  return (end.getTime() - start.getTime()) / 1000;
}
