import {
  ConflictError,
  isError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** Whether a call was given up because it took longer than its timeout. */
export function isTimeout(error: unknown): boolean {
  return isError(error) && error.name === 'TimeoutError';
}

/**
 * The HTTP status of a client-node `ApiException` (which carries `code`, not `status`). A
 * DOMException's `code` (a timeout's is 23) is no HTTP status.
 */
export function clusterStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return undefined;
  return typeof code === 'number' && code >= 100 && code < 600
    ? code
    : undefined;
}

/**
 * A failed call to a cluster as an error the delivery API answers with a fitting status:
 * 401/403 → 403, 404 → 404, 409 → 409, a timeout, an unreachable cluster or a 5xx/429 → 503.
 * The message names what failed (`what`, e.g. "Cancelling PipelineRun ci/x in cluster 'prod'")
 * and the HTTP status, never the cluster's headers or body. Other errors are kept as they are,
 * except that an `ApiException` (whose message holds the body and headers) becomes a plain
 * error with the status only. Errors already mapped pass through.
 */
export function toClusterError(error: unknown, what: string): Error {
  const code = clusterStatus(error);
  if (code === 401 || code === 403) {
    return new NotAllowedError(
      `${what}: the cluster refused Slipway's service account (HTTP ${code})`,
    );
  }
  if (code === 404) {
    return new NotFoundError(`${what}: the cluster has no such object`);
  }
  if (code === 409) {
    return new ConflictError(
      `${what}: the object changed in the cluster meanwhile (HTTP 409)`,
    );
  }
  if (code !== undefined && (code >= 500 || code === 429)) {
    return new ServiceUnavailableError(
      `${what}: the cluster answered HTTP ${code}`,
    );
  }
  if (code !== undefined) {
    return new Error(`${what}: the cluster answered HTTP ${code}`);
  }
  if (isTimeout(error)) {
    return new ServiceUnavailableError(
      `${what}: the cluster did not answer in time`,
    );
  }
  if (
    isError(error) &&
    error.name === 'TypeError' &&
    /fetch failed/.test(error.message)
  ) {
    return new ServiceUnavailableError(
      `${what}: the cluster cannot be reached`,
    );
  }
  return isError(error) ? error : new Error(`${what}: ${String(error)}`);
}
