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
    };
  };
}
