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

/** What to say when GitHub refuses to read or start a workflow. */
export interface WorkflowErrorText {
  /** What was asked, after "GitHub refused to" (e.g. `start workflow deploy.yml of acme/shop`). */
  what: string;
  /** The whole message of a 404. */
  notFound: string;
  /** What the integration's token or App needs, added to a 403's message. */
  permission: string;
  /** The whole message of a 5xx, when the default ("GitHub could not …") would mislead. */
  serverError?: string;
}

/**
 * GitHub's refusal to read or start a workflow as an error that says what to do: a 404 is not
 * found (`notFound`); a 403 is a conflict with GitHub's reason and the permission the
 * integration needs (rate limits never get here: they are 503s already); a 409 or 422 is a
 * conflict with GitHub's reason (e.g. "No ref found for: …"); a 5xx is a 503. Timeouts, rate
 * limits and refused credentials are 503s from `GithubActionsClient` and pass through.
 */
export function toWorkflowError(
  error: unknown,
  text: WorkflowErrorText,
): unknown {
  const { status, message } = error as { status?: number; message?: string };
  if (status === 404) return new NotFoundError(text.notFound);
  if (status === 403) {
    return new ConflictError(
      `GitHub refused to ${text.what}: ${message}. ${text.permission}`,
    );
  }
  if (status === 409 || status === 422) {
    return new ConflictError(`GitHub refused to ${text.what}: ${message}`);
  }
  if (typeof status === 'number' && status >= 500) {
    return new ServiceUnavailableError(
      text.serverError ??
        `GitHub could not ${text.what}: it answered HTTP ${status}`,
    );
  }
  return error;
}
