import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { readEntityMappingSchedule } from '../../config';
import { DeliveryStore } from '../../database/DeliveryStore';
import { EntityMappingTask } from './EntityMappingTask';
import { EntityRunMapper } from './EntityRunMapper';

async function scheduled(schedule: SchedulerServiceTaskScheduleDefinition) {
  const scheduler = mockServices.scheduler.mock();
  await new EntityMappingTask(
    {} as EntityRunMapper,
    {} as DeliveryStore,
    mockServices.logger.mock(),
  ).schedule(scheduler, schedule);
  expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
  return scheduler.scheduleTask.mock.calls[0][0];
}

describe('EntityMappingTask', () => {
  it('stays local (every replica refreshes its own mapper) with a schedule from config', async () => {
    const config = mockServices.rootConfig({
      data: {
        delivery: {
          entityMapping: {
            schedule: { frequency: { seconds: 10 }, timeout: { minutes: 1 } },
          },
        },
      },
    });
    const schedule = readEntityMappingSchedule(config);
    const task = await scheduled(schedule);
    expect(task).toMatchObject({
      id: 'delivery-entity-mapping',
      scope: 'local',
      frequency: { seconds: 10 },
      timeout: { minutes: 1 },
    });
  });

  it('stays local with the default schedule, and even when a schedule asks for global', async () => {
    const byDefault = await scheduled(
      readEntityMappingSchedule(mockServices.rootConfig()),
    );
    expect(byDefault.scope).toBe('local');
    const global = await scheduled({
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
      scope: 'global',
    });
    expect(global.scope).toBe('local');
  });
});
