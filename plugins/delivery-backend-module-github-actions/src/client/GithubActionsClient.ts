import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { Octokit } from '@octokit/rest';
import { GithubRepoRef } from '../github/repository';
import { RateLimitGate, RateLimitedError } from './RateLimitGate';

/** One answer of a conditional GET. */
export interface ConditionalPage<T> {
  data: T;
  /** GitHub answered 304: `data` is what the same request answered before. */
  notModified: boolean;
  /** A `Link: <…>; rel="next"` header was present. */
  hasNext: boolean;
}

interface Cached {
  etag: string;
  data: unknown;
  hasNext: boolean;
}

type Params = Record<string, string | number>;

interface OctokitError {
  status?: number;
  response?: { headers?: Record<string, string> };
}

const MAX_ETAGS = 5000;

/**
 * GitHub's REST API for one host, for the routes this module uses. Every GET is conditional
 * (the last `ETag` is sent as `If-None-Match`; a `304` answers the cached data without spending
 * rate limit), every answer feeds the host's {@link RateLimitGate}, and a `5xx` is retried once.
 */
export class GithubActionsClient {
  readonly #octokit: Octokit;
  readonly #etags = new Map<string, Cached>();

  constructor(
    readonly host: string,
    apiBaseUrl: string,
    private readonly options: {
      headers: (repo: GithubRepoRef) => Promise<Record<string, string>>;
      gate: RateLimitGate;
      logger: LoggerService;
      retryDelayMs?: number;
    },
  ) {
    this.#octokit = new Octokit({
      baseUrl: apiBaseUrl,
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => options.logger.warn(message),
        error: (message: string) => options.logger.error(message),
      },
    });
  }

  /** A conditional GET of a JSON route (`GET /repos/{owner}/{repo}/…`). */
  async get<T>(
    repo: GithubRepoRef,
    route: string,
    params: Params = {},
  ): Promise<ConditionalPage<T>> {
    const key = `${route} ${JSON.stringify({ ...params, ...repo })}`;
    const cached = this.#etags.get(key);
    try {
      const res = await this.#call(repo, route, params, {
        ...(cached ? { 'if-none-match': cached.etag } : {}),
      });
      const hasNext = /rel="next"/.test(String(res.headers.link ?? ''));
      if (res.headers.etag) {
        if (this.#etags.size >= MAX_ETAGS) this.#etags.clear();
        this.#etags.set(key, {
          etag: res.headers.etag,
          data: res.data,
          hasNext,
        });
      }
      return { data: res.data as T, notModified: false, hasNext };
    } catch (error) {
      if ((error as OctokitError).status === 304 && cached) {
        return {
          data: cached.data as T,
          notModified: true,
          hasNext: cached.hasNext,
        };
      }
      throw error;
    }
  }

  /** Every page of a list route (`per_page` + `page`, following `Link: rel="next"`). */
  async list<T>(
    repo: GithubRepoRef,
    route: string,
    pick: (data: any) => T[],
    options: { perPage: number; maxPages: number; params?: Params },
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= options.maxPages; page++) {
      const res = await this.get<unknown>(repo, route, {
        ...options.params,
        per_page: options.perPage,
        page,
      });
      items.push(...pick(res.data));
      if (!res.hasNext) break;
    }
    return items;
  }

  /** A job's log text: GitHub answers `302` to a short-lived address, which is followed. */
  async jobLog(repo: GithubRepoRef, jobId: number): Promise<string> {
    try {
      const res = await this.#call(
        repo,
        'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
        { job_id: jobId },
        {},
      );
      return typeof res.data === 'string'
        ? res.data
        : Buffer.from(res.data as ArrayBuffer).toString('utf8');
    } catch (error) {
      const status = (error as OctokitError).status;
      if (status === 404 || status === 410) {
        throw new NotFoundError(
          `GitHub has no log for job ${jobId} of ${repo.owner}/${repo.repo}: logs appear once the job finishes and expire after the repository's retention period`,
        );
      }
      throw error;
    }
  }

  /** A POST without a body (rerun, cancel). */
  async post(repo: GithubRepoRef, route: string, params: Params) {
    await this.#call(repo, route, params, {});
  }

  async #call(
    repo: GithubRepoRef,
    route: string,
    params: Params,
    extraHeaders: Record<string, string>,
    attempt = 1,
  ): Promise<{ data: unknown; headers: Record<string, string | undefined> }> {
    const { gate } = this.options;
    gate.check(this.host);
    try {
      const res = await this.#octokit.request(route, {
        owner: repo.owner,
        repo: repo.repo,
        ...params,
        headers: {
          ...(await this.options.headers(repo)),
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...extraHeaders,
        },
      });
      gate.observe(this.host, res.headers as Record<string, string>);
      return {
        data: res.data,
        headers: res.headers as Record<string, string | undefined>,
      };
    } catch (error) {
      const { status = 0, response } = error as OctokitError;
      if (gate.rejected(this.host, status, response?.headers)) {
        throw new RateLimitedError(
          this.host,
          gate.blockedUntil(this.host) ?? new Date(),
        );
      }
      if (status >= 500 && attempt === 1) {
        this.options.logger.debug(
          `GitHub answered ${status} to ${route}; retrying once`,
        );
        await new Promise(r =>
          setTimeout(r, this.options.retryDelayMs ?? 1000),
        );
        return this.#call(repo, route, params, extraHeaders, 2);
      }
      throw error;
    }
  }
}
