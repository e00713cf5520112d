import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Slipway delivery backend plugin. */
  delivery?: {
    /**
     * How often runs are re-attached to catalog entities (by `backstage.io/kubernetes-id` and
     * `backstage.io/kubernetes-label-selector`). Default: every 30 seconds.
     */
    /**
     * Service principals (pipelines' tokens, e.g. `backend.auth.externalAccess` static tokens,
     * whose subject Backstage names `external:<subject>`) restricted to entities. A listed
     * subject reaches only these entities: anything else answers 404 as if it did not exist.
     * Unlisted service principals (other backend plugins, unlisted tokens) are not restricted;
     * the permission framework never asks the policy about services.
     */
    servicePrincipals?: Array<{
      /** The principal's subject, e.g. `external:pipeline-checkout-web`. */
      subject: string;
      /** Entity refs it may read and act on, e.g. `component:default/checkout-web`. */
      entityRefs: string[];
    }>;
    /**
     * Pipeline tokens issued per project: the scaffolder signs a token for each project's entity
     * with this key, the backend publishes its public half at
     * `/api/delivery/.well-known/jwks.json` for a `backend.auth.externalAccess` entry of type
     * `jwks` with `subjectPrefix: slipway-pipeline`, and scopes each token to its entity.
     */
    pipelineTokens?: {
      /**
       * PKCS#8 PEM of an EC P-256 private key.
       * @visibility secret
       */
      signingKey?: string;
      /** The tokens' `iss`; must match the externalAccess entry's `issuer`. Default: slipway. */
      issuer?: string;
    };
    /** Security findings: upload limit, SLA per severity and the gate. */
    findings?: {
      /** Largest accepted report, after decompression, in bytes. Default: 20 MB. */
      maxUploadBytes?: number;
      /** Days a finding may stay open before it is overdue. Defaults: 7, 30, 90, 120, 365. */
      sla?: {
        critical?: number;
        high?: number;
        medium?: number;
        low?: number;
        info?: number;
      };
      /**
       * What fails the security gate. Entities may tighten the thresholds (never loosen them)
       * with the annotations `slipway.dev/security-gate-fail-on-open` and
       * `slipway.dev/security-gate-fail-on-overdue`.
       */
      gate?: {
        /** Open findings of this severity or worse fail the gate; `none` never. Default: critical. */
        failOnOpen?: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
        /** Overdue findings of this severity or worse fail the gate. Default: high. */
        failOnOverdue?:
          | 'critical'
          | 'high'
          | 'medium'
          | 'low'
          | 'info'
          | 'none';
        /** Any open secret fails the gate. Default: true. */
        failOnSecrets?: boolean;
      };
    };
    /** DORA metrics. */
    dora?: {
      /** Environments of the production tier (case-insensitive). Default: production, prod. */
      productionEnvironments?: string[];
      /**
       * An incident not linked to a deployment is attributed to the latest earlier deployment of
       * the entity only within this many hours. Default: no limit.
       */
      maxIncidentLagHours?: number;
    };
    entityMapping?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Deployment approvals (policies themselves live on environment entities in the catalog). */
    approvals?: {
      /**
       * How often pending requests past their expiry are marked expired (one replica at a time).
       * Default: every minute. Reads and decisions also expire due requests on the spot.
       */
      expirySchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * Demo pipeline history, loaded at start-up for the listed entities when they have no runs
     * yet. For local portals and demos only: leave it off in production.
     */
    /**
     * How long one call to the software catalog may take (a duration: `10s`, `PT10S` or
     * `{ seconds: 10 }`); a slower call answers 503. Default: 10 seconds.
     */
    catalogTimeout?: string | HumanDuration;
    demoData?: {
      /** Load demo history. Default: false. */
      enabled?: boolean;
      /** How many days of history to generate. Default: 42. */
      days?: number;
      /**
       * How long a run started in the demo portal (a rerun, a started run, a promotion's or a
       * rollback's deploy run) runs before it succeeds, in seconds. Default: 20.
       */
      runSeconds?: number;
      /** The entities to generate history for. */
      entities?: Array<{
        /** Entity ref, e.g. `component:default/payments-api`. */
        entityRef: string;
        /** `ml` for a training pipeline instead of the service CI pipeline. Default: `service`. */
        pipeline?: 'service' | 'ml';
        /**
         * `github-actions`: the CI runs are seeded as GitHub Actions workflow runs (provider
         * `github-actions`) and the deploys stay Tekton runs. Default: all runs are Tekton runs.
         */
        ciProvider?: 'github-actions';
      }>;
    };
  };
}
