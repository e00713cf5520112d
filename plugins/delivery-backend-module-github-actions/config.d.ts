import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  delivery?: {
    /**
     * GitHub Actions provider settings. Hosts and credentials come from `integrations.github`
     * (token or GitHub App; GitHub Enterprise through `apiBaseUrl`); repositories from the
     * catalog's `github.com/project-slug` annotations.
     */
    githubActions?: {
      /** The incremental sync of every repository. Default: every 5 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Workflow runs and deployments asked for per page (1–100). Default: 50. */
      perPage?: number;
      /** Pages read per repository when it has not been synced before. Default: 4. */
      maxPages?: number;
      /** Set to false to not read GitHub deployments into DORA. Default: true. */
      deployments?: boolean;
      /**
       * How long one call to GitHub may take (each API request, minting an App token, and the
       * download of a job log), e.g. `20s`, `PT20S` or `{ seconds: 20 }`; a call that takes
       * longer is abandoned (a 503 for logs, rerun and cancel). Default: 20 seconds.
       */
      requestTimeout?:
        | string
        | {
            milliseconds?: number;
            seconds?: number;
            minutes?: number;
            hours?: number;
          };
      /**
       * Bytes of GitHub answers kept per host for conditional requests (`ETag` /
       * `If-None-Match`); the least recently used are dropped beyond it. Default: 33554432
       * (32 MiB).
       */
      etagCacheMaxBytes?: number;
    };
  };
}
