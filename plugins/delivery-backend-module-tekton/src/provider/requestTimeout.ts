import { Config, readDurationFromConfig } from '@backstage/config';

/** How long one call to a cluster may take by default: 15 seconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

const MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
  months: 2_629_800_000,
  years: 31_557_600_000,
};

/** A duration in config (`10s`, `PT10S` or `{ seconds: 10 }`) in milliseconds; `fallback` when absent. */
export function readDurationMs(
  config: Config,
  key: string,
  fallback: number,
): number {
  if (!config.has(key)) return fallback;
  const duration = readDurationFromConfig(config, { key });
  const ms = Object.entries(duration).reduce(
    (sum, [unit, value]) => sum + (MS[unit] ?? 0) * (value ?? 0),
    0,
  );
  if (!(ms > 0)) {
    throw new Error(`${key} must be a positive duration, e.g. 15s`);
  }
  return ms;
}

/**
 * `delivery.tekton.requestTimeout` in milliseconds: a duration such as `10s`, `PT10S` or
 * `{ seconds: 10 }`; {@link DEFAULT_REQUEST_TIMEOUT_MS} when absent.
 */
export function readRequestTimeout(config: Config): number {
  return readDurationMs(
    config,
    'delivery.tekton.requestTimeout',
    DEFAULT_REQUEST_TIMEOUT_MS,
  );
}
