import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { GithubTimeoutError, toUnavailable } from './githubCallErrors';
import { readTail } from './TailBuffer';

/**
 * Downloads a job log from the short-lived address GitHub redirected to (without the
 * integration's credentials), streaming it and keeping only its last `limitBytes` bytes;
 * abandoned after `timeoutMs`. A 404 or 410 (expired) is a NotFoundError, other failures 503s.
 */
export async function downloadLogTail(
  location: string,
  options: {
    limitBytes: number;
    timeoutMs: number;
    host: string;
    what: string;
  },
): Promise<{ log: string; truncated: boolean }> {
  const { limitBytes, timeoutMs, host, what } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(location, { signal });
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw new NotFoundError(
        `GitHub's log storage no longer holds the log ${what.replace(
          /^for the log /,
          '',
        )}`,
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ServiceUnavailableError(
        `GitHub's log storage answered HTTP ${res.status} ${what}`,
      );
    }
    const { text, truncated } = await readTail(res.body, limitBytes);
    return { log: text, truncated };
  } catch (error) {
    if (signal.aborted) throw new GithubTimeoutError(host, what, timeoutMs);
    throw toUnavailable(error, host, what);
  }
}
