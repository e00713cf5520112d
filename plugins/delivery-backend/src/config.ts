import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

const DEFAULT_MAPPING_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 5 },
};

const DEFAULT_APPROVAL_EXPIRY_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
  };

function readSchedule(
  config: RootConfigService,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

/** How often runs are re-mapped to catalog entities: `delivery.entityMapping.schedule`. */
export function readEntityMappingSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  return readSchedule(
    config,
    'delivery.entityMapping.schedule',
    DEFAULT_MAPPING_SCHEDULE,
  );
}

/** How often pending approval requests past their expiry are closed: `delivery.approvals.expirySchedule`. */
export function readApprovalExpirySchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  return readSchedule(
    config,
    'delivery.approvals.expirySchedule',
    DEFAULT_APPROVAL_EXPIRY_SCHEDULE,
  );
}
