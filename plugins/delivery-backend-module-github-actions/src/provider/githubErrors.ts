import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * GitHub's refusal of an action as an error the delivery API answers with a fitting status:
 * 404 stays not found; 403, 409 and 422 (e.g. "This workflow run is not completed" or "Cannot
 * cancel a workflow run that is completed") become conflicts with GitHub's message; a 5xx
 * becomes a 503 without GitHub's answer. Timeouts, rate limits and refused credentials are
 * already 503s (see `GithubActionsClient`) and pass through.
 */
export function toActionError(error: unknown, what: string): unknown {
  const { status, message } = error as { status?: number; message?: string };
  if (status === 404) {
    return new NotFoundError(`GitHub does not know ${what}: ${message}`);
  }
  if (status === 403 || status === 409 || status === 422) {
    return new ConflictError(`GitHub refused to ${what}: ${message}`);
  }
  if (typeof status === 'number' && status >= 500) {
    return new ServiceUnavailableError(
      `GitHub could not ${what}: it answered HTTP ${status}`,
    );
  }
  return error;
}
