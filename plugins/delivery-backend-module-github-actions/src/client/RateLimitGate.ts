import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';

/** Thrown instead of calling GitHub while a host's rate limit is exhausted. */
export class RateLimitedError extends ServiceUnavailableError {
  constructor(readonly host: string, readonly until: Date) {
    super(
      `GitHub rate limit for ${host} is exhausted until ${until.toISOString()}`,
    );
  }
}

type Headers = Record<string, string | number | undefined>;

function header(headers: Headers | undefined, name: string) {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

/**
 * Keeps calls to one GitHub host within its rate limit. A `403` or `429` that carries
 * `retry-after` or `x-ratelimit-remaining: 0` (primary and secondary limits), and any answer
 * that spends the last request, stop all calls to the host until `retry-after` seconds have
 * passed or `x-ratelimit-reset` (epoch seconds) is reached; the stop is logged once.
 */
export class RateLimitGate {
  readonly #until = new Map<string, number>();

  constructor(
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws {@link RateLimitedError} while the host is blocked. */
  check(host: string): void {
    const until = this.#until.get(host);
    if (until !== undefined && until > this.now()) {
      throw new RateLimitedError(host, new Date(until));
    }
    this.#until.delete(host);
  }

  /** When the host is blocked until, if it is. */
  blockedUntil(host: string): Date | undefined {
    const until = this.#until.get(host);
    return until !== undefined && until > this.now()
      ? new Date(until)
      : undefined;
  }

  /** Reads the rate-limit headers of a successful answer. */
  observe(host: string, headers: Headers | undefined): void {
    if (header(headers, 'x-ratelimit-remaining') === '0') {
      this.#block(host, headers, 'the last request of the window was used');
    }
  }

  /**
   * Whether an error answer is a rate limit (and blocks the host if so). A plain `403` without
   * rate-limit headers is a permission problem and is not.
   */
  rejected(host: string, status: number, headers: Headers | undefined) {
    const limited =
      status === 429 ||
      (status === 403 &&
        (header(headers, 'retry-after') !== undefined ||
          header(headers, 'x-ratelimit-remaining') === '0'));
    if (limited) {
      this.#block(host, headers, `GitHub answered ${status}`);
    }
    return limited;
  }

  #block(host: string, headers: Headers | undefined, why: string) {
    const retryAfter = Number(header(headers, 'retry-after'));
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    let until = this.now() + 60_000;
    if (Number.isFinite(retryAfter) && retryAfter >= 0) {
      until = this.now() + retryAfter * 1000;
    } else if (Number.isFinite(reset) && reset > 0) {
      until = reset * 1000;
    }
    const previous = this.#until.get(host);
    if (previous === undefined || previous <= this.now()) {
      this.logger.warn(
        `GitHub rate limit reached for ${host} (${why}); pausing GitHub Actions requests until ${new Date(
          until,
        ).toISOString()}`,
      );
    }
    this.#until.set(host, Math.max(until, previous ?? 0));
  }
}
