import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

const DEFAULT_MAPPING_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 5 },
};

/** How often runs are re-mapped to catalog entities: `delivery.entityMapping.schedule`. */
export function readEntityMappingSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  const key = 'delivery.entityMapping.schedule';
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : DEFAULT_MAPPING_SCHEDULE;
}
