import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DeliveryStore } from '../../database/DeliveryStore';
import { attachStoredRuns } from './attachStoredRuns';
import { EntityRunMapper } from './EntityRunMapper';

/**
 * Keeps the entity mapping current: on each run it rebuilds the mapper's index from the catalog
 * and attaches stored runs to the entities that claim them now. Runs on every replica (`local`,
 * whatever the configured schedule says), since each replica maps the runs its providers report
 * and the approval requests it mirrors with its own in-memory mapper.
 */
export class EntityMappingTask {
  constructor(
    private readonly mapper: EntityRunMapper,
    private readonly store: DeliveryStore,
    private readonly logger: LoggerService,
  ) {}

  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'delivery-entity-mapping',
      ...schedule,
      // after the schedule: one read from config carries `scope: undefined`, which would make
      // the task global (one replica's mapper fresh, the others' never refreshed); and a
      // configured `scope` cannot be honoured, since every replica needs its own mapper
      scope: 'local',
      fn: () => this.run(),
    });
  }

  async run(): Promise<void> {
    try {
      await this.mapper.refresh();
      const changed = await attachStoredRuns(this.store, this.mapper);
      if (changed > 0) {
        this.logger.info(
          `Attached ${changed} pipeline runs to catalog entities`,
        );
      }
    } catch (error) {
      this.logger.warn(`Could not refresh the entity mapping: ${error}`);
    }
  }
}
