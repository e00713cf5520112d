import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** Default full resync of a cluster: every 30 minutes. */
export const DEFAULT_RESYNC: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/** `delivery.tekton.schedule`, else the fallback given, else {@link DEFAULT_RESYNC}. */
export function readResyncSchedule(
  config: Config,
  fallback?: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const key = 'delivery.tekton.schedule';
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback ?? DEFAULT_RESYNC;
}
