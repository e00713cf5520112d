import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

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
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 4 },
  initialDelay: { seconds: 30 },
};

/** Reads `delivery.githubActions`, with defaults for everything. */
export function readGithubActionsConfig(config: Config): GithubActionsConfig {
  const own = config.getOptionalConfig('delivery.githubActions');
  const perPage = own?.getOptionalNumber('perPage') ?? 50;
  const maxPages = own?.getOptionalNumber('maxPages') ?? 4;
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
  return {
    schedule: own?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          own.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    perPage,
    maxPages,
    deployments: own?.getOptionalBoolean('deployments') ?? true,
  };
}
