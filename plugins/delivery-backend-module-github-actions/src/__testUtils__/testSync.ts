import { mockServices } from '@backstage/backend-test-utils';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import { GithubActionsClient } from '../client/GithubActionsClient';
import { RateLimitGate } from '../client/RateLimitGate';
import { DeploymentEventBody } from '../github/mapDeployment';
import { DeploymentPublisher } from '../provider/DeploymentPublisher';
import { RepositorySync } from '../provider/RepositorySync';
import { FakeGithubServer } from './FakeGithubServer';
import { ENTITY_REF, REPO_REF } from './githubFixtures';

export const TARGET = { repo: REPO_REF, entityRef: ENTITY_REF };

/**
 * A {@link RepositorySync} with a real client against the fake GitHub, collecting what it writes
 * (each `upsertRuns` batch, each published deployment batch); the rate-limit clock is `clock.now`.
 */
export function testSync(
  server: FakeGithubServer,
  options: {
    perPage?: number;
    maxPages?: number;
    timeoutMs?: number;
    cacheMaxBytes?: number;
    maxSeenRuns?: number;
    maxFinishedDeployments?: number;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const clock = { now: Date.now() };
  const gate = new RateLimitGate(logger, () => clock.now);
  const client = new GithubActionsClient('github.com', server.url, {
    headers: async () => ({ authorization: `Bearer ${server.token}` }),
    gate,
    logger,
    retryDelayMs: 5,
    timeoutMs: options.timeoutMs,
    cacheMaxBytes: options.cacheMaxBytes,
  });
  const batches: PipelineRunRecord[][] = [];
  const published: DeploymentEventBody[][] = [];
  const publisher = {
    publish: async (d: DeploymentEventBody[]) => {
      published.push(d);
    },
  } as unknown as DeploymentPublisher;
  const sync = new RepositorySync({
    clientFor: host => (host === 'github.com' ? client : undefined),
    sink: { upsertRuns: async runs => void batches.push(runs) },
    publisher,
    logger,
    perPage: options.perPage ?? 2,
    maxPages: options.maxPages ?? 4,
    deployments: true,
    maxSeenRuns: options.maxSeenRuns,
    maxFinishedDeployments: options.maxFinishedDeployments,
  });
  return { sync, client, gate, clock, logger, batches, published };
}
