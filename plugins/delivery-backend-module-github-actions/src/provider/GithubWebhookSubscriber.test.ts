import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { REPO_REF, RUN_42 } from '../__testUtils__/githubFixtures';
import { DeploymentPublisher } from './DeploymentPublisher';
import {
  GithubWebhookSubscriber,
  MISSING_WEBHOOK_SECRET_MESSAGE,
} from './GithubWebhookSubscriber';
import { RepositoryIndex } from './RepositoryIndex';
import { RepositorySync } from './RepositorySync';

function subscriber(webhookSecretConfigured: boolean) {
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
    useEventBus: 'never',
  }).forPlugin('delivery');
  const logger = mockServices.logger.mock();
  const sync = { refreshRun: jest.fn(async () => {}) };
  const publisher = { publish: jest.fn(async () => {}) };
  const index = {
    lookup: () => ({ repo: REPO_REF, entityRef: 'component:default/x' }),
    refreshIfOlderThan: async () => false,
  };
  const subject = new GithubWebhookSubscriber({
    events,
    logger,
    webhookSecretConfigured,
    sync: sync as unknown as RepositorySync,
    publisher: publisher as unknown as DeploymentPublisher,
    index: index as unknown as RepositoryIndex,
  });
  const deliver = () =>
    events.publish({
      topic: 'github.workflow_run',
      eventPayload: {
        action: 'completed',
        workflow_run: RUN_42,
        repository: {
          full_name: 'acme/notification-service',
          html_url: 'https://github.com/acme/notification-service',
        },
      },
    });
  return { subject, logger, sync, deliver };
}

describe('GithubWebhookSubscriber', () => {
  it('fails closed without events.modules.github.webhookSecret: one error, no delivery consumed', async () => {
    const { subject, logger, sync, deliver } = subscriber(false);
    expect(await subject.subscribe()).toBe(false);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(MISSING_WEBHOOK_SECRET_MESSAGE);
    expect(MISSING_WEBHOOK_SECRET_MESSAGE).toContain(
      'GitHub webhook secret is missing',
    );
    expect(MISSING_WEBHOOK_SECRET_MESSAGE).toContain('unsigned');
    await deliver();
    await new Promise(r => setTimeout(r, 50));
    expect(sync.refreshRun).not.toHaveBeenCalled();
  });

  it('consumes deliveries when the secret is configured', async () => {
    const { subject, logger, sync, deliver } = subscriber(true);
    expect(await subject.subscribe()).toBe(true);
    await deliver();
    await new Promise(r => setTimeout(r, 50));
    expect(sync.refreshRun).toHaveBeenCalledWith(
      expect.objectContaining({ repo: REPO_REF }),
      RUN_42.id,
      RUN_42,
    );
    expect(logger.error).not.toHaveBeenCalled();
  });
});
