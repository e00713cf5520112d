import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { mapDeployment } from '../github/mapDeployment';
import { GithubRepoRef, parseRepositoryUrl } from '../github/repository';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubJob,
  GithubRepository,
  GithubWorkflowRun,
} from '../github/types';
import { DeploymentPublisher } from './DeploymentPublisher';
import { RepositoryIndex, RepositoryTarget } from './RepositoryIndex';
import { RepositorySync } from './RepositorySync';

/** The GitHub webhook topics this module listens to (published by the events GitHub module). */
export const GITHUB_ACTIONS_TOPICS = [
  'github.workflow_run',
  'github.workflow_job',
  'github.deployment_status',
];

interface Payload {
  repository?: GithubRepository;
  workflow_run?: GithubWorkflowRun;
  workflow_job?: GithubJob;
  deployment?: GithubDeployment;
  deployment_status?: GithubDeploymentStatus;
}

/** Logged once when deliveries are not consumed because they would be unsigned. */
export const MISSING_WEBHOOK_SECRET_MESSAGE =
  'GitHub webhook secret is missing (events.modules.github.webhookSecret): the events backend accepts unsigned GitHub deliveries without it, so Slipway ignores workflow_run, workflow_job and deployment_status deliveries; runs and deployments are still read by the scheduled sync';

/**
 * Near-real-time updates from GitHub webhooks, delivered through the Backstage events system
 * (`POST /api/events/http/github`, whose module checks `X-Hub-Signature-256`): a `workflow_run`
 * or `workflow_job` delivery re-reads that run and its jobs; a finished `deployment_status` is
 * handed to DORA at once. Deliveries for repositories no entity claims are ignored.
 *
 * Fails closed: the events module checks signatures only when `events.modules.github.webhookSecret`
 * is set, so without it nothing is subscribed (anyone could post a forged delivery) and one
 * error says so.
 */
export class GithubWebhookSubscriber {
  constructor(
    private readonly deps: {
      events: EventsService;
      index: RepositoryIndex;
      sync: RepositorySync;
      publisher: DeploymentPublisher;
      logger: LoggerService;
      /** Whether `events.modules.github.webhookSecret` is set. */
      webhookSecretConfigured: boolean;
    },
  ) {}

  /** Subscribes to the GitHub topics; answers whether it did (only with a webhook secret). */
  async subscribe(): Promise<boolean> {
    if (!this.deps.webhookSecretConfigured) {
      this.deps.logger.error(MISSING_WEBHOOK_SECRET_MESSAGE);
      return false;
    }
    await this.deps.events.subscribe({
      id: 'delivery-github-actions',
      topics: GITHUB_ACTIONS_TOPICS,
      onEvent: async params => {
        try {
          await this.handle(params);
        } catch (error) {
          this.deps.logger.warn(
            `Could not apply a GitHub ${params.topic} delivery: ${error}`,
          );
        }
      },
    });
    return true;
  }

  /** Applies one delivery; answers whether it touched Slipway's records. */
  async handle(params: EventParams): Promise<boolean> {
    const payload = (params.eventPayload ?? {}) as Payload;
    const target = await this.#target(payload.repository);
    if (!target) return false;
    const { sync } = this.deps;
    if (params.topic === 'github.workflow_run' && payload.workflow_run) {
      await sync.refreshRun(
        target,
        payload.workflow_run.id,
        payload.workflow_run,
      );
      return true;
    }
    if (params.topic === 'github.workflow_job' && payload.workflow_job) {
      await sync.refreshRun(target, payload.workflow_job.run_id);
      return true;
    }
    if (
      params.topic === 'github.deployment_status' &&
      payload.deployment &&
      payload.deployment_status
    ) {
      const event = mapDeployment(
        payload.deployment,
        [payload.deployment_status],
        target,
      );
      if (event) await this.deps.publisher.publish([event]);
      return Boolean(event);
    }
    return false;
  }

  async #target(
    repository: GithubRepository | undefined,
  ): Promise<RepositoryTarget | undefined> {
    if (!repository?.html_url) return undefined;
    let repo: GithubRepoRef;
    try {
      repo = parseRepositoryUrl(repository.html_url);
    } catch {
      return undefined;
    }
    let target = this.deps.index.lookup(repo);
    // an entity may have been annotated since the index was last read
    if (!target && (await this.deps.index.refreshIfOlderThan(60_000))) {
      target = this.deps.index.lookup(repo);
    }
    if (!target) {
      this.deps.logger.debug(
        `No entity is annotated github.com/project-slug: ${repository.full_name}`,
      );
    }
    return target;
  }
}
