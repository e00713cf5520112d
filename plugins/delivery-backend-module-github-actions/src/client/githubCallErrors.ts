import { ServiceUnavailableError } from '@backstage/errors';

/** A call to GitHub took longer than the configured `requestTimeout`. */
export class GithubTimeoutError extends ServiceUnavailableError {
  constructor(readonly host: string, what: string, timeoutMs: number) {
    super(`GitHub (${host}) did not answer ${what} within ${timeoutMs} ms`);
  }
}

/**
 * GitHub refused the integration's token or App (401). Answered as 503, never 401: a 401 from
 * Slipway would tell the user that *their* session expired.
 */
export class GithubCredentialsError extends ServiceUnavailableError {
  constructor(readonly host: string, what: string) {
    super(
      `GitHub rejected Slipway's credentials for ${host} (integrations.github) when asked ${what}`,
    );
  }
}

/**
 * GitHub's answer was larger than the caller reads (e.g. a workflow file far beyond any real
 * one); it was not read further. A 503 that names what was asked for.
 */
export class GithubAnswerTooLargeError extends ServiceUnavailableError {
  constructor(readonly host: string, what: string, maxBytes: number) {
    super(
      `GitHub (${host}) answered more than ${maxBytes} bytes ${what}; Slipway does not read answers that large`,
    );
  }
}

/** Resolves like `promise`, or rejects with `timeout()` (e.g. a {@link GithubTimeoutError}) after `timeoutMs`. */
export async function within<T>(
  promise: Promise<T>,
  timeoutMs: number,
  timeout: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeout()), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /repos/{owner}/{repo}/…` with its parameters filled in. */
export function describeRoute(
  route: string,
  params: Record<string, unknown>,
): string {
  return route.replace(/\{(\w+)\}/g, (whole, name) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/**
 * A failure that is GitHub's (a 5xx, an unreachable host) as a 503 naming what failed, without
 * GitHub's answer; other errors pass through.
 */
export function toUnavailable(
  error: unknown,
  host: string,
  what: string,
): unknown {
  const status = (error as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number' && status >= 500) {
    return new ServiceUnavailableError(
      `GitHub (${host}) answered HTTP ${status} ${what}`,
    );
  }
  const name = (error as Error | undefined)?.name;
  if (name === 'TypeError' && /fetch failed/.test(String(error))) {
    return new ServiceUnavailableError(
      `GitHub (${host}) cannot be reached ${what}`,
    );
  }
  return error;
}
