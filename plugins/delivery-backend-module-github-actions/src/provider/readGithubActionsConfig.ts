import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import {
  DEFAULT_ETAG_CACHE_BYTES,
  DEFAULT_GITHUB_TIMEOUT_MS,
} from '../client/GithubActionsClient';

/** Settings of the GitHub Actions provider (`delivery.githubActions`). */
export interface GithubActionsConfig {
  /** The incremental sync of every repository. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Runs and deployments asked for per page. */
  perPage: number;
  /** Pages read per repository when it has not been synced before. */
  maxPages: number;
  /** Whether GitHub deployments are read into DORA. */
  deployments: boolean;
  /** How long one call to GitHub (or one log download) may take, in ms. */
  requestTimeoutMs: number;
  /** Bytes of GitHub answers the conditional-request (ETag) cache keeps, per host. */
  etagCacheMaxBytes: number;
  /**
   * Whether `events.modules.github.webhookSecret` (or a GitHub App's `webhookSecret` in
   * `integrations.github`) is set, so that the events backend's GitHub module checks the
   * signature of webhook deliveries; without one, deliveries are not consumed.
   */
  webhookSecretConfigured: boolean;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 4 },
  initialDelay: { seconds: 30 },
};

const MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
};

/** Reads `delivery.githubActions`, with defaults for everything. */
export function readGithubActionsConfig(config: Config): GithubActionsConfig {
  const own = config.getOptionalConfig('delivery.githubActions');
  const perPage = own?.getOptionalNumber('perPage') ?? 50;
  const maxPages = own?.getOptionalNumber('maxPages') ?? 4;
  const cacheBytes =
    own?.getOptionalNumber('etagCacheMaxBytes') ?? DEFAULT_ETAG_CACHE_BYTES;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    throw new Error(
      `delivery.githubActions.perPage must be an integer from 1 to 100, got ${perPage}`,
    );
  }
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new Error(
      `delivery.githubActions.maxPages must be a positive integer, got ${maxPages}`,
    );
  }
  if (!Number.isInteger(cacheBytes) || cacheBytes < 0) {
    throw new Error(
      `delivery.githubActions.etagCacheMaxBytes must be a whole number of bytes, got ${cacheBytes}`,
    );
  }
  return {
    schedule: own?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          own.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    perPage,
    maxPages,
    deployments: own?.getOptionalBoolean('deployments') ?? true,
    requestTimeoutMs: readRequestTimeout(config),
    etagCacheMaxBytes: cacheBytes,
    webhookSecretConfigured: hasWebhookSecret(config),
  };
}

/** The secrets the GitHub events module checks `X-Hub-Signature-256` with, if any. */
function hasWebhookSecret(config: Config): boolean {
  const generic = config.getOptionalString(
    'events.modules.github.webhookSecret',
  );
  const apps = (config.getOptionalConfigArray('integrations.github') ?? [])
    .flatMap(i => i.getOptionalConfigArray('apps') ?? [])
    .filter(app => app.getOptionalString('webhookSecret')?.trim());
  return Boolean(generic?.trim()) || apps.length > 0;
}

function readRequestTimeout(config: Config): number {
  const key = 'delivery.githubActions.requestTimeout';
  if (!config.has(key)) return DEFAULT_GITHUB_TIMEOUT_MS;
  const duration = readDurationFromConfig(config, { key });
  const ms = Object.entries(duration).reduce(
    (sum, [unit, value]) => sum + (MS[unit] ?? NaN) * (value ?? 0),
    0,
  );
  if (!(ms > 0)) {
    throw new Error(
      `${key} must be a positive duration in hours, minutes, seconds or milliseconds, e.g. 20s`,
    );
  }
  return ms;
}
