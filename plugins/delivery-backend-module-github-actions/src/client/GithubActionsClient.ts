import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { Octokit } from '@octokit/rest';
import { GithubRepoRef } from '../github/repository';
import { boundedFetch } from './boundedFetch';
import { downloadLogTail } from './downloadLogTail';
import {
  describeRoute,
  GithubAnswerTooLargeError,
  GithubCredentialsError,
  GithubTimeoutError,
  toUnavailable,
  within,
} from './githubCallErrors';
import { LruMap } from './LruMap';
import { RateLimitGate, RateLimitedError } from './RateLimitGate';
import { TailBuffer } from './TailBuffer';

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
  /** Roughly what the entry holds in memory: its key and its body as JSON. */
  bytes: number;
}

type Params = Record<string, string | number>;

interface CallResult {
  status: number;
  data: unknown;
  headers: Record<string, string | undefined>;
}

/** How one call is made. */
interface CallOptions {
  /** Answer a redirect instead of following it (job logs). */
  redirect?: 'manual';
  /** Read at most this many bytes of the answer's body; a larger one is refused. */
  maxBytes?: number;
  /** Whether a 5xx is retried once (default true); not for requests that must not repeat. */
  retry?: boolean;
}

interface OctokitError {
  status?: number;
  response?: { headers?: Record<string, string> };
}

/** What a {@link GithubActionsClient} is built with. */
export interface GithubActionsClientOptions {
  headers: (repo: GithubRepoRef) => Promise<Record<string, string>>;
  gate: RateLimitGate;
  logger: LoggerService;
  /** Pause before retrying a 5xx answer, in ms. Default 1000. */
  retryDelayMs?: number;
  /** How long one call (or one log download) may take, in ms. Default 20 s. */
  timeoutMs?: number;
  /** Bytes of answers the conditional-request (ETag) cache keeps at most. Default 32 MiB. */
  cacheMaxBytes?: number;
}

/** Default time one call to GitHub may take. */
export const DEFAULT_GITHUB_TIMEOUT_MS = 20_000;
/** Default size of the ETag cache. */
export const DEFAULT_ETAG_CACHE_BYTES = 32 * 1024 * 1024;
const MAX_ETAGS = 5000;
const LOG_ROUTE = 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs';

/**
 * GitHub's REST API for one host, for the routes this module uses. Every GET is conditional
 * (the last `ETag` is sent as `If-None-Match`; a `304` answers the cached data without spending
 * rate limit; the cache is bounded in entries and bytes), every answer feeds the host's
 * {@link RateLimitGate}, a `5xx` is retried once, and every call is abandoned after the
 * timeout. A `401` (GitHub refused the integration's credentials) becomes a 503.
 */
export class GithubActionsClient {
  readonly #octokit: Octokit;
  readonly #etags: LruMap<string, Cached>;

  constructor(
    readonly host: string,
    apiBaseUrl: string,
    private readonly options: GithubActionsClientOptions,
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
    this.#etags = new LruMap({
      maxEntries: MAX_ETAGS,
      maxWeight: options.cacheMaxBytes ?? DEFAULT_ETAG_CACHE_BYTES,
      weigh: cached => cached.bytes,
    });
  }

  /** Entries and bytes the ETag cache holds now. */
  cacheUsage(): { entries: number; bytes: number } {
    return { entries: this.#etags.size, bytes: this.#etags.weight };
  }

  /**
   * A conditional GET of a JSON route (`GET /repos/{owner}/{repo}/…`); with `maxBytes`, a larger
   * answer is refused with a {@link GithubAnswerTooLargeError} before more of it is read.
   */
  async get<T>(
    repo: GithubRepoRef,
    route: string,
    params: Params = {},
    options: { maxBytes?: number } = {},
  ): Promise<ConditionalPage<T>> {
    const key = `${route} ${JSON.stringify({ ...params, ...repo })}`;
    const cached = this.#etags.get(key);
    try {
      const res = await this.#call(
        repo,
        route,
        params,
        { ...(cached ? { 'if-none-match': cached.etag } : {}) },
        options,
      );
      const hasNext = /rel="next"/.test(String(res.headers.link ?? ''));
      if (res.headers.etag) {
        const etag = res.headers.etag;
        const bytes =
          key.length + etag.length + (JSON.stringify(res.data)?.length ?? 0);
        this.#etags.set(key, { etag, data: res.data, hasNext, bytes });
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

  /**
   * The last `limitBytes` bytes of a job's log. GitHub answers `302` to a short-lived address,
   * whose body is streamed (without the integration's credentials) keeping only that tail.
   */
  async jobLog(
    repo: GithubRepoRef,
    jobId: number,
    { limitBytes }: { limitBytes: number },
  ): Promise<{ log: string; truncated: boolean }> {
    const what = `for the log of job ${jobId} of ${repo.owner}/${repo.repo}`;
    let res: CallResult;
    try {
      res = await this.#call(
        repo,
        LOG_ROUTE,
        { job_id: jobId },
        {},
        { redirect: 'manual' },
      );
    } catch (error) {
      const status = (error as OctokitError).status;
      if (status === 404 || status === 410) {
        throw new NotFoundError(
          `GitHub has no log for job ${jobId} of ${repo.owner}/${repo.repo}: logs appear once the job finishes and expire after the repository's retention period`,
        );
      }
      throw toUnavailable(error, this.host, what);
    }
    const location = res.headers.location;
    if (!location) {
      // not redirected: the (already read) body is the log
      const tail = new TailBuffer(limitBytes);
      tail.push(Buffer.from(typeof res.data === 'string' ? res.data : ''));
      const { text, truncated } = tail.text();
      return { log: text, truncated };
    }
    return downloadLogTail(location, {
      limitBytes,
      timeoutMs: this.#timeoutMs,
      host: this.host,
      what,
    });
  }

  /**
   * A POST (rerun, cancel, dispatch): `params` fill the route's placeholders and the others are
   * sent as the JSON body. Answers GitHub's status and body (none for a `204`). With
   * `retry: false` a 5xx is not retried (for requests that may have taken effect, e.g. starting
   * a workflow).
   */
  async post(
    repo: GithubRepoRef,
    route: string,
    params: Record<string, unknown>,
    options: { retry?: boolean } = {},
  ): Promise<{ status: number; data: unknown }> {
    const { status, data } = await this.#call(repo, route, params, {}, options);
    return { status, data };
  }

  get #timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
  }

  async #call(
    repo: GithubRepoRef,
    route: string,
    params: Record<string, unknown>,
    extraHeaders: Record<string, string>,
    options: CallOptions = {},
    attempt = 1,
  ): Promise<CallResult> {
    const { gate } = this.options;
    const timeoutMs = this.#timeoutMs;
    const what = `for ${describeRoute(route, { ...repo, ...params })}`;
    gate.check(this.host);
    const credentials = await within(
      this.options.headers(repo),
      timeoutMs,
      () =>
        new GithubTimeoutError(this.host, `${what} (credentials)`, timeoutMs),
    );
    const signal = AbortSignal.timeout(timeoutMs);
    const { maxBytes, retry = true, ...request } = options;
    let tooLarge: number | undefined;
    try {
      const res = await this.#octokit.request(route, {
        owner: repo.owner,
        repo: repo.repo,
        ...params,
        headers: {
          ...credentials,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...extraHeaders,
        },
        request: {
          ...request,
          signal,
          ...(maxBytes === undefined
            ? {}
            : { fetch: boundedFetch(maxBytes, n => (tooLarge = n)) }),
        },
      });
      gate.observe(this.host, res.headers as Record<string, string>);
      return {
        status: res.status,
        data: res.data,
        headers: res.headers as Record<string, string | undefined>,
      };
    } catch (error) {
      if (signal.aborted) {
        throw new GithubTimeoutError(this.host, what, timeoutMs);
      }
      if (tooLarge !== undefined) {
        throw new GithubAnswerTooLargeError(this.host, what, maxBytes!);
      }
      const { status = 0, response } = error as OctokitError;
      if (gate.rejected(this.host, status, response?.headers)) {
        throw new RateLimitedError(
          this.host,
          gate.blockedUntil(this.host) ?? new Date(),
        );
      }
      if (status === 401) {
        throw new GithubCredentialsError(this.host, what);
      }
      if (status >= 500 && retry && attempt === 1) {
        this.options.logger.debug(
          `GitHub answered ${status} to ${route}; retrying once`,
        );
        await new Promise(r =>
          setTimeout(r, this.options.retryDelayMs ?? 1000),
        );
        return this.#call(repo, route, params, extraHeaders, options, 2);
      }
      throw error;
    }
  }
}
