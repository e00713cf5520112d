import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ApprovalsStore } from './ApprovalsStore';

/**
 * Closes pending approval requests past their expiry, on one replica at a time (`global`), so
 * pipelines waiting on them see `expired` without anyone opening the request.
 */
export class ApprovalExpiryTask {
  constructor(
    private readonly store: ApprovalsStore,
    private readonly logger: LoggerService,
  ) {}

  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'delivery-approvals-expiry',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(now = new Date()): Promise<number> {
    try {
      const expired = await this.store.expireDue(now);
      if (expired > 0) {
        this.logger.info(`Expired ${expired} pending approval request(s)`);
      }
      return expired;
    } catch (error) {
      this.logger.warn(`Could not expire approval requests: ${error}`);
      return 0;
    }
  }
}
