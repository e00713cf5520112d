import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GithubRepoRef, slugOf } from '../github/repository';

/** The `github.com/project-slug` annotation: `owner/repo`. */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/** A repository and the entity whose runs it holds. */
export interface RepositoryTarget {
  repo: GithubRepoRef;
  entityRef: string;
}

function hostOf(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  if (!location) return undefined;
  try {
    const { type, target } = parseLocationRef(location);
    return type === 'url' ? new URL(target).host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which repository belongs to which entity, from the catalog: entities annotated with
 * `github.com/project-slug`. The host is the one of `backstage.io/source-location` when that is
 * a GitHub integration (GitHub Enterprise), else `github.com`. When two entities claim one
 * repository, its runs go to the first and a warning is logged.
 */
export class RepositoryIndex {
  #targets = new Map<string, RepositoryTarget>();
  #refreshedAt = 0;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      isGithubHost: (host: string) => boolean;
    },
  ) {}

  /** Rebuilds the index from the catalog and answers the repositories. */
  async refresh(): Promise<RepositoryTarget[]> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_GITHUB_PROJECT_SLUG}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const targets = new Map<string, RepositoryTarget>();
    for (const entity of items) {
      const slug =
        entity.metadata.annotations?.[ANNOTATION_GITHUB_PROJECT_SLUG];
      const [owner, repo, ...rest] = slug?.trim().split('/') ?? [];
      const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      if (!owner || !repo || rest.length > 0) {
        this.deps.logger.warn(
          `Ignoring ${ANNOTATION_GITHUB_PROJECT_SLUG} '${slug}' of ${entityRef}: expected owner/repo`,
        );
        continue;
      }
      const sourceHost = hostOf(entity);
      const host =
        sourceHost && this.deps.isGithubHost(sourceHost)
          ? sourceHost
          : 'github.com';
      const target = { repo: { host, owner, repo }, entityRef };
      const key = `${host}/${slugOf(target.repo)}`;
      const taken = targets.get(key);
      if (taken) {
        this.deps.logger.warn(
          `Both ${taken.entityRef} and ${entityRef} claim ${key}; its GitHub Actions runs go to the first`,
        );
        continue;
      }
      targets.set(key, target);
    }
    this.#targets = targets;
    this.#refreshedAt = Date.now();
    return [...targets.values()];
  }

  /** Refreshes when the index is older than `ms`; answers whether it did. */
  async refreshIfOlderThan(ms: number): Promise<boolean> {
    if (Date.now() - this.#refreshedAt < ms) return false;
    await this.refresh();
    return true;
  }

  /** The target of a repository, if an entity claims it. */
  lookup(repo: GithubRepoRef): RepositoryTarget | undefined {
    return this.#targets.get(`${repo.host}/${slugOf(repo)}`);
  }
}
