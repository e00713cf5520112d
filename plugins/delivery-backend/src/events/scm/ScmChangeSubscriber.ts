import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { EventsStore } from '../EventsStore';
import { githubPush, gitlabPush, PushSummary } from './pushChanges';

const SOURCES: Record<
  string,
  { read: (payload: unknown) => PushSummary | undefined; annotation: string }
> = {
  'github.push': { read: githubPush, annotation: 'github.com/project-slug' },
  'gitlab.push': { read: gitlabPush, annotation: 'gitlab.com/project-slug' },
};

const SECRET_OF: Record<string, 'github' | 'gitlab'> = {
  'github.push': 'github',
  'gitlab.push': 'gitlab',
};

/**
 * Records the commits of pushes to default branches as DORA changes. Webhooks arrive through the
 * Backstage events system (`/api/events/http/github` or `/gitlab`, whose modules check the
 * signature or token); the repository is mapped to the entities annotated with its slug.
 */
export class ScmChangeSubscriber {
  constructor(
    private readonly deps: {
      events: EventsService;
      store: EventsStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Which providers' webhooks are signed (see `signedScmSources`). */
      signed: { github: boolean; gitlab: boolean };
    },
  ) {}

  /**
   * Subscribes to the pushes of providers whose webhooks are signed; for the others it logs one
   * error and consumes nothing, so an unsigned payload never becomes a DORA change.
   */
  async subscribe(): Promise<void> {
    const topics = Object.keys(SOURCES).filter(
      topic => this.deps.signed[SECRET_OF[topic]],
    );
    for (const provider of ['github', 'gitlab'] as const) {
      if (!this.deps.signed[provider]) {
        this.deps.logger.error(
          `No ${provider} webhook secret (events.modules.${provider}.webhookSecret): Slipway ignores ${provider} push deliveries, which would arrive unsigned`,
        );
      }
    }
    if (topics.length === 0) return;
    await this.deps.events.subscribe({
      id: 'delivery-scm-changes',
      topics,
      onEvent: async params => {
        await this.handle(params);
      },
    });
  }

  async handle(params: EventParams): Promise<number> {
    const source = SOURCES[params.topic];
    const push = source?.read(params.eventPayload);
    if (!source || !push || push.commits.length === 0) return 0;
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${source.annotation}`]: push.repository,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    if (items.length === 0) {
      this.deps.logger.debug(
        `No entity is annotated ${source.annotation}: ${push.repository}`,
      );
      return 0;
    }
    if (push.truncated) {
      this.deps.logger.warn(
        `A push to ${push.repository} listed only ${push.commits.length} of its commits`,
      );
    }
    const changes = items.flatMap(entity =>
      push.commits.map(c => ({
        ...c,
        entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      })),
    );
    return this.deps.store.upsertChanges(
      changes,
      `scm:${SECRET_OF[params.topic]}`,
    );
  }
}
