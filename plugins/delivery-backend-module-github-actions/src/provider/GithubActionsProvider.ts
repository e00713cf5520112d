import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  PipelineParamSpec,
  PipelineRunWithTasks,
  TaskRun,
} from '@slipway/plugin-delivery-common';
import {
  PipelineProvider,
  PipelineRunSink,
  RunActionContext,
  StartRunTarget,
  TaskLogOptions,
  TaskLogs,
} from '@slipway/plugin-delivery-node';
import { GithubActionsClient } from '../client/GithubActionsClient';
import { RateLimitedError, RateLimitGate } from '../client/RateLimitGate';
import {
  GITHUB_ACTIONS_PROVIDER,
  GithubRepoRef,
  parseRepositoryUrl,
  runIdOf,
} from '../github/repository';
import { DeploymentPublisher } from './DeploymentPublisher';
import { GithubHosts } from './GithubHosts';
import { GithubWebhookSubscriber } from './GithubWebhookSubscriber';
import { toActionError } from './githubErrors';
import {
  GithubActionsConfig,
  readGithubActionsConfig,
} from './readGithubActionsConfig';
import { RepositoryIndex } from './RepositoryIndex';
import { RepositorySync } from './RepositorySync';
import { WorkflowDispatcher } from './WorkflowDispatcher';

/** What the provider is built from (the module's dependencies). */
export interface GithubActionsProviderDeps {
  logger: LoggerService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  events: EventsService;
  /** Pause before retrying a 5xx answer (default 1 s). */
  retryDelayMs?: number;
}

/**
 * The GitHub Actions pipeline provider: workflow runs, jobs and steps of the repositories that
 * catalog entities name in `github.com/project-slug`, read through `integrations.github`; an
 * incremental sync as a global scheduler task plus webhooks for near-real-time updates; GitHub
 * deployments handed to DORA; job logs, rerun, cancel and starting workflows by hand
 * (`workflow_dispatch`) through the GitHub API.
 */
export class GithubActionsProvider implements PipelineProvider {
  static fromConfig(
    config: Config,
    deps: GithubActionsProviderDeps,
  ): GithubActionsProvider {
    const own = readGithubActionsConfig(config);
    return new GithubActionsProvider(
      own,
      new GithubHosts(ScmIntegrations.fromConfig(config), {
        logger: deps.logger,
        gate: new RateLimitGate(deps.logger),
        retryDelayMs: deps.retryDelayMs,
        timeoutMs: own.requestTimeoutMs,
        cacheMaxBytes: own.etagCacheMaxBytes,
      }),
      deps,
    );
  }

  #sync?: RepositorySync;
  readonly #index: RepositoryIndex;
  readonly #dispatcher: WorkflowDispatcher;

  constructor(
    private readonly config: GithubActionsConfig,
    private readonly hosts: GithubHosts,
    private readonly deps: GithubActionsProviderDeps,
  ) {
    this.#index = new RepositoryIndex({
      ...deps,
      isGithubHost: host => hosts.isGithubHost(host),
    });
    this.#dispatcher = new WorkflowDispatcher({ logger: deps.logger });
  }

  getProviderName(): string {
    return GITHUB_ACTIONS_PROVIDER;
  }

  async connect(sink: PipelineRunSink): Promise<void> {
    const { logger, scheduler } = this.deps;
    if (!this.hosts.hasCredentials()) {
      logger.info(
        'No GitHub token or GitHub App in integrations.github; GitHub Actions runs will not be read',
      );
      return;
    }
    const publisher = new DeploymentPublisher(this.deps);
    this.#sync = new RepositorySync({
      ...this.config,
      clientFor: host => this.hosts.client(host),
      sink,
      publisher,
      logger,
    });
    await scheduler.scheduleTask({
      id: 'delivery-github-actions-sync',
      scope: 'global',
      ...this.config.schedule,
      fn: abortSignal => this.syncAll(abortSignal),
    });
    await new GithubWebhookSubscriber({
      events: this.deps.events,
      index: this.#index,
      sync: this.#sync,
      publisher,
      logger,
      webhookSecretConfigured: this.config.webhookSecretConfigured,
    }).subscribe();
  }

  /**
   * One pass over every claimed repository (what the scheduled task runs); stops between
   * repositories once `signal` aborts (the scheduler gave up on the task).
   */
  async syncAll(signal?: AbortSignal): Promise<void> {
    const sync = this.#sync;
    if (!sync) return;
    const logger = this.deps.logger.child({
      task: 'delivery-github-actions-sync',
    });
    const targets = await this.#index.refresh();
    let runs = 0;
    let deployments = 0;
    for (const target of targets) {
      if (signal?.aborted) {
        logger.warn('The GitHub Actions sync was stopped by the scheduler');
        break;
      }
      const name = `${target.repo.host}/${target.repo.owner}/${target.repo.repo}`;
      try {
        const done = await sync.syncRepository(target);
        runs += done.runs;
        deployments += done.deployments;
      } catch (error) {
        if (error instanceof RateLimitedError) {
          logger.warn(
            `Stopped the GitHub Actions sync at ${name}: ${error.message}`,
          );
          continue;
        }
        logger.warn(`Could not sync GitHub Actions runs of ${name}: ${error}`);
      }
    }
    logger.info(
      `Synced ${targets.length} GitHub repositories: ${runs} runs and ${deployments} deployments changed`,
    );
  }

  async getTaskLogs(
    run: PipelineRunWithTasks,
    task: TaskRun,
    { limitBytes }: TaskLogOptions,
  ): Promise<TaskLogs> {
    const { client, repo } = this.#clientOf(run);
    const jobId = Number(task.name);
    if (!Number.isInteger(jobId)) {
      throw new NotFoundError(
        `Task '${task.name}' is not a GitHub Actions job`,
      );
    }
    const { log, truncated } = await client.jobLog(repo, jobId, { limitBytes });
    return {
      steps: [
        {
          name: task.pipelineTaskName,
          log,
          ...(truncated ? { truncated } : {}),
        },
      ],
    };
  }

  async rerun(run: PipelineRunWithTasks, context: RunActionContext) {
    await this.#act(run, context, 'rerun');
    return { name: run.name, uid: run.uid };
  }

  /**
   * The `workflow_dispatch` inputs of the workflow a run ran, read from its file on the run's
   * branch; a `ConflictError` when the workflow cannot be started by hand.
   */
  async describePipeline(
    run: PipelineRunWithTasks,
  ): Promise<{ description?: string; params: PipelineParamSpec[] }> {
    const { client, repo } = this.#clientOf(run);
    return this.#dispatcher.describe(client, repo, run);
  }

  /**
   * Starts the workflow of `target.basedOn` on its branch (`workflow_dispatch`). The new run's
   * uid and link come back when GitHub tells them; otherwise the workflow's runs page, and the
   * run arrives with the next sync.
   */
  async startRun(target: StartRunTarget, context: RunActionContext) {
    if (!target.basedOn) {
      throw new InputError(
        `GitHub Actions workflows are started from an earlier run of theirs (its repository, workflow file and branch); ${target.entityRef} has no run of '${target.pipelineName}'`,
      );
    }
    const { client, repo } = this.#clientOf(target.basedOn);
    const { runId, ...started } = await this.#dispatcher.start(
      client,
      repo,
      target.basedOn,
      target,
      context,
    );
    const entityRef = target.basedOn.entityRef ?? target.entityRef;
    if (runId !== undefined) this.#sync?.watch({ repo, entityRef }, runId);
    return started;
  }

  async cancel(
    run: PipelineRunWithTasks,
    context: RunActionContext,
  ): Promise<void> {
    await this.#act(run, context, 'cancel');
  }

  async #act(
    run: PipelineRunWithTasks,
    context: RunActionContext,
    action: 'rerun' | 'cancel',
  ) {
    const { client, repo } = this.#clientOf(run);
    const runId = runIdOf(run.uid);
    try {
      await client.post(
        repo,
        `POST /repos/{owner}/{repo}/actions/runs/{run_id}/${action}`,
        { run_id: runId },
      );
    } catch (error) {
      throw toActionError(
        error,
        `${action} run ${runId} of ${repo.owner}/${repo.repo}`,
      );
    }
    this.deps.logger.info(
      `Asked GitHub to ${action} ${run.name} (${run.uid}) for ${context.requestedBy}`,
    );
    if (run.entityRef) {
      this.#sync?.watch({ repo, entityRef: run.entityRef }, runId);
    }
  }

  #clientOf(run: PipelineRunWithTasks): {
    client: GithubActionsClient;
    repo: GithubRepoRef;
  } {
    const repo = parseRepositoryUrl(run.git.repository);
    const client = this.hosts.hasCredentials()
      ? this.hosts.client(repo.host)
      : undefined;
    if (!client) {
      throw new NotFoundError(
        `No GitHub integration with credentials for ${repo.host} (integrations.github); run '${run.name}' cannot be reached`,
      );
    }
    return { client, repo };
  }
}
