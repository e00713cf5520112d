import { Band } from './types';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Rule 13, deployment frequency, banded by deployment days (DevLake's 2023 thresholds, which
 * DevLake applies to the median deployment days of calendar weeks / months; Slipway applies them
 * to the window's average rate so that any window, including a short series slice, has a band):
 *
 * - `daysPerWeek  = deploymentDays / windowDays × 7`
 * - `daysPerMonth = deploymentDays / windowDays × 30`
 * - elite  (on demand):                        daysPerWeek ≥ 7 — a deployment on every day
 * - high   (between once a day and once a week): daysPerWeek ≥ 1
 * - medium (between once a week and once a month): daysPerMonth ≥ 1
 * - low    (fewer than once a month):           otherwise
 *
 * `null` when there are no deployments in the window (nothing to band, as DevLake's "N/A").
 * A burst of deployments on one day counts as one deployment day, so it is never elite on its
 * own in a window longer than a day.
 */
export function deploymentFrequencyBand(
  deploymentCount: number,
  deploymentDays: number,
  windowDays: number,
): Band | null {
  if (deploymentCount === 0 || windowDays <= 0) {
    return null;
  }
  const daysPerWeek = (deploymentDays / windowDays) * 7;
  const daysPerMonth = (deploymentDays / windowDays) * 30;
  if (daysPerWeek >= 7) {
    return 'elite';
  }
  if (daysPerWeek >= 1) {
    return 'high';
  }
  return daysPerMonth >= 1 ? 'medium' : 'low';
}

/** Rule 13, change failure rate: ≤ 5% elite, ≤ 10% high, ≤ 15% medium, else low; null → null. */
export function changeFailureRateBand(rate: number | null): Band | null {
  if (rate === null) {
    return null;
  }
  if (rate <= 0.05) {
    return 'elite';
  }
  if (rate <= 0.1) {
    return 'high';
  }
  return rate <= 0.15 ? 'medium' : 'low';
}

function durationBand(
  seconds: number | null,
  [elite, high, medium]: [number, number, number],
): Band | null {
  if (seconds === null) {
    return null;
  }
  if (seconds < elite) {
    return 'elite';
  }
  if (seconds < high) {
    return 'high';
  }
  return seconds < medium ? 'medium' : 'low';
}

/** Rule 13, lead time: < 1 day elite, < 7 days high, < 30 days medium, else low; null → null. */
export function leadTimeBand(medianSeconds: number | null): Band | null {
  return durationBand(medianSeconds, [DAY, 7 * DAY, 30 * DAY]);
}

/**
 * Rule 13, failed deployment recovery time: < 1 hour elite, < 1 day high, < 7 days medium, else
 * low; null → null.
 */
export function recoveryTimeBand(medianSeconds: number | null): Band | null {
  return durationBand(medianSeconds, [HOUR, DAY, 7 * DAY]);
}
