import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Slipway delivery backend plugin. */
  delivery?: {
    /**
     * How often runs are re-attached to catalog entities (by `backstage.io/kubernetes-id` and
     * `backstage.io/kubernetes-label-selector`). Default: every 30 seconds.
     */
    entityMapping?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * Demo pipeline history, loaded at start-up for the listed entities when they have no runs
     * yet. For local portals and demos only: leave it off in production.
     */
    demoData?: {
      /** Load demo history. Default: false. */
      enabled?: boolean;
      /** How many days of history to generate. Default: 42. */
      days?: number;
      /** The entities to generate history for. */
      entities?: Array<{
        /** Entity ref, e.g. `component:default/payments-api`. */
        entityRef: string;
        /** `ml` for a training pipeline instead of the service CI pipeline. Default: `service`. */
        pipeline?: 'service' | 'ml';
      }>;
    };
  };
}
