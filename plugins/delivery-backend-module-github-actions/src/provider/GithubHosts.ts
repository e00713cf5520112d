import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { GithubActionsClient } from '../client/GithubActionsClient';
import { RateLimitGate } from '../client/RateLimitGate';
import { repositoryUrl } from '../github/repository';

/**
 * The GitHub hosts of `integrations.github` (github.com and GitHub Enterprise), with a client
 * per host that authenticates with the integration's token or GitHub App installation.
 */
export class GithubHosts {
  readonly #clients = new Map<string, GithubActionsClient>();
  readonly #credentials: DefaultGithubCredentialsProvider;

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly options: {
      logger: LoggerService;
      gate: RateLimitGate;
      retryDelayMs?: number;
      /** How long one call to GitHub may take, in ms. */
      timeoutMs?: number;
      /** Bytes the ETag cache of each host keeps at most. */
      cacheMaxBytes?: number;
    },
  ) {
    this.#credentials =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  /** Whether any GitHub integration has a token or a GitHub App to call the API with. */
  hasCredentials(): boolean {
    return this.integrations.github
      .list()
      .some(i => Boolean(i.config.token || i.config.apps?.length));
  }

  /** Whether a host is a configured GitHub integration. */
  isGithubHost(host: string): boolean {
    return Boolean(this.integrations.github.byHost(host));
  }

  /** The client of a host, or undefined when the host is not a GitHub integration. */
  client(host: string): GithubActionsClient | undefined {
    const existing = this.#clients.get(host);
    if (existing) return existing;
    const integration = this.integrations.github.byHost(host);
    if (!integration?.config.apiBaseUrl) return undefined;
    const client = new GithubActionsClient(
      host,
      integration.config.apiBaseUrl,
      {
        ...this.options,
        headers: async repo =>
          (await this.#credentials.getCredentials({ url: repositoryUrl(repo) }))
            .headers ?? {},
      },
    );
    this.#clients.set(host, client);
    return client;
  }
}
