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
      /**
       * How long one call to a cluster may take (discovery, list, get, create, patch, each
       * read of a pod log), e.g. `10s`, `PT10S` or `{ seconds: 10 }`; a call that takes longer
       * is abandoned and answers 503. Watches are long-lived and use client-node's own
       * inactivity timeout instead. Default: 15 seconds.
       */
      requestTimeout?:
        | string
        | {
            milliseconds?: number;
            seconds?: number;
            minutes?: number;
          };
      /**
       * With several replicas, each cluster's watches (PipelineRuns, TaskRuns, ApprovalTasks)
       * run on one replica at a time, under a lease per cluster in the delivery database
       * (`delivery_leases`); the others serve reads. When the watching replica dies or can no
       * longer reach the database, another replica holds the lease and starts watching within
       * this time, e.g. `30s`, `PT30S` or `{ seconds: 30 }`: a lease lasts ¾ of it and is
       * renewed (and, by the other replicas, looked at) every ¼ of it. A replica that shuts
       * down writes what it has pending and releases its leases, so another takes over within
       * ¼ of it. At least 1 second. Default: 30 seconds.
       */
      failoverTimeout?:
        | string
        | {
            milliseconds?: number;
            seconds?: number;
            minutes?: number;
          };
      /**
       * OpenShift Pipelines manual-approval-gate: its `ApprovalTask`s appear as approval
       * requests of the entity their PipelineRun belongs to. Read-only unless a user is mapped
       * to a Kubernetes identity below.
       */
      approvalTasks?: {
        /** Set to false to not read ApprovalTasks. Default: true. */
        enabled?: boolean;
        /** Label naming the environment (propagated from the PipelineRun). Default: slipway.dev/environment. */
        environmentLabel?: string;
        /** The CLI shown to approvers who decide outside Slipway. Default: tkn-approvaltask. */
        cli?: string;
        /**
         * Who Slipway writes a decision as. The gate's webhook only accepts a change of the
         * caller's own input, so Slipway impersonates this identity: the cluster's service
         * account needs `impersonate` on these users (and groups).
         */
        identities?: Array<{
          /** A Backstage user, e.g. `user:default/alice`. */
          userRef: string;
          /** The Kubernetes user name in the ApprovalTask's approvers. */
          kubernetesUser: string;
          /** Kubernetes groups of the user that are named as Group approvers. */
          kubernetesGroups?: string[];
        }>;
      };
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
