import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  delivery?: {
    /**
     * Tekton provider settings. Clusters themselves come from `kubernetes.clusterLocatorMethods`
     * (type `config`), shared with the Backstage Kubernetes plugin; entries here refine them by name.
     */
    tekton?: {
      /** The periodic full resync of every cluster. Default: every 30 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      clusters?: Array<{
        /** Name of a cluster in `kubernetes.clusterLocatorMethods`. */
        name: string;
        /** Set to false to not read Tekton runs from this cluster. Default: true. */
        enabled?: boolean;
        /** Only read runs in these namespaces. Default: all namespaces. */
        namespaces?: string[];
        /** Only read runs matching this label selector, e.g. `app.kubernetes.io/part-of=shop`. */
        labelSelector?: string;
      }>;
    };
  };
}
