import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import deliveryPlugin from '@slipway/plugin-delivery-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { createHmac } from 'crypto';
import { Knex } from 'knex';
import path from 'path';
import request from 'supertest';
import { TestDatabases } from '@backstage/backend-test-utils';
import { FakeGithubServer } from '../../__testUtils__/FakeGithubServer';
import { seedFakeGithub } from '../../__testUtils__/seedFakeGithub';
import { deliveryModuleGithubActions } from '../githubActionsModule';

/*
 * The events GitHub module's default export is a feature loader that loads its two modules with
 * dynamic import(), which Jest cannot run; load those two modules from its dist folder instead.
 */
const githubEventsDist = path.dirname(
  require.resolve('@backstage/plugin-events-backend-module-github'),
);
const githubEventsModules = [
  'service/eventsModuleGithubEventRouter.cjs.js',
  'service/eventsModuleGithubWebhook.cjs.js',
].map(file => require(path.join(githubEventsDist, file)).default);

export const WEBHOOK_SECRET = 'test-webhook-secret';
export const SYNC_TASK = 'delivery-github-actions-sync';

/** A component entity, optionally claiming a GitHub repository. */
export function component(name: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: slug ? { 'github.com/project-slug': slug } : {},
    },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}

/**
 * A test backend with the delivery plugin, this module, the events backend and its GitHub
 * webhook module; `integrations.github` points github.com's API at the fake GitHub. Tasks run
 * only when the test triggers them.
 */
export async function startGithubPortal(options: {
  github: FakeGithubServer;
  /** The delivery plugin's database. */
  knex: Knex;
  /** The events plugin's database (its own, as in a real deployment). */
  eventsKnex: Knex;
  entities: Entity[];
  extraFeatures?: Parameters<typeof startTestBackend>[0]['features'];
  withoutToken?: boolean;
  /**
   * Leave `events.modules.github.webhookSecret` out. The GitHub webhook module then adds no
   * ingress, so `events.http.topics: [github]` opens an unvalidated one, as a portal that lists
   * the topic there would: deliveries are accepted unsigned.
   */
  withoutWebhookSecret?: boolean;
  /** `delivery.githubActions` settings. */
  githubActions?: Record<string, string | number | boolean>;
}) {
  // the mock scheduler runs tasks only when triggered; its instance is also its factory's
  // one in-process events service for all plugins (the test backend's default mock gives each
  // plugin its own, so the events plugin's webhook ingress would reach no other plugin)
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
    useEventBus: 'never',
  });
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options: {
      skipTaskRunOnStartup: boolean;
    }): ReturnType<typeof mockServices.scheduler.factory>;
  };
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      deliveryModuleGithubActions,
      eventsPlugin,
      ...githubEventsModules,
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => {
          const knex =
            plugin.getId() === 'delivery' ? options.knex : options.eventsKnex;
          return { getClient: async () => knex };
        },
      }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => events.forPlugin(plugin.getId()),
      }),
      logger.factory,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: 'github.com',
                apiBaseUrl: options.github.url,
                ...(options.withoutToken
                  ? {}
                  : { token: options.github.token }),
              },
            ],
          },
          ...(options.withoutWebhookSecret
            ? { events: { http: { topics: ['github'] } } }
            : {
                events: {
                  modules: { github: { webhookSecret: WEBHOOK_SECRET } },
                },
              }),
          ...(options.githubActions
            ? { delivery: { githubActions: options.githubActions } }
            : {}),
        },
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      ...(options.extraFeatures ?? []),
    ],
  });
  return {
    server,
    logger,
    scheduler,
    sync: () => scheduler.triggerTask(SYNC_TASK),
  };
}

type Server = Parameters<typeof request>[0];

/** GET a delivery API path as a signed-in user; fails the test on a non-200 answer. */
export async function getJson(server: Server, route: string) {
  const res = await request(server)
    .get(`/api/delivery${route}`)
    .set('Authorization', mockCredentials.user.header());
  if (res.status !== 200) {
    throw new Error(
      `${path} answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
  return res.body;
}

/** POSTs a GitHub webhook delivery, signed with the test secret unless a signature is given. */
export function deliverWebhook(
  server: Server,
  event: string,
  payload: unknown,
  signature?: string,
) {
  const body = JSON.stringify(payload);
  const signed = `sha256=${createHmac('sha256', WEBHOOK_SECRET)
    .update(body)
    .digest('hex')}`;
  return request(server)
    .post('/api/events/http/github')
    .set('content-type', 'application/json')
    .set('x-github-event', event)
    .set('x-github-delivery', `delivery-${event}`)
    .set('x-hub-signature-256', signature ?? signed)
    .send(body);
}

/** Polls until `check` holds (webhook deliveries are applied asynchronously). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) {
      throw new Error(
        `Timed out waiting for ${what}: last ${JSON.stringify(value)}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

/**
 * A fake GitHub seeded with the fixtures, and a portal reading it with its own databases of one
 * engine. The caller closes `github`.
 */
export async function startSeededPortal(options: {
  databases: TestDatabases;
  databaseId: Parameters<TestDatabases['init']>[0];
  entities: Entity[];
  extraFeatures?: Parameters<typeof startTestBackend>[0]['features'];
  withoutToken?: boolean;
  withoutWebhookSecret?: boolean;
  githubActions?: Record<string, string | number | boolean>;
}) {
  const { databases, databaseId, ...rest } = options;
  const github = await FakeGithubServer.start();
  const repo = seedFakeGithub(github);
  const portal = await startGithubPortal({
    ...rest,
    github,
    knex: await databases.init(databaseId),
    eventsKnex: await databases.init(databaseId),
  });
  return { ...portal, github, repo };
}
