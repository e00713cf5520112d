import { ConflictError, NotFoundError } from '@backstage/errors';

/**
 * GitHub's refusal of an action as an error the delivery API answers with a fitting status:
 * 404 stays not found; 403, 409 and 422 (e.g. "This workflow run is not completed" or "Cannot
 * cancel a workflow run that is completed") become conflicts with GitHub's message.
 */
export function toActionError(error: unknown, what: string): unknown {
  const { status, message } = error as { status?: number; message?: string };
  if (status === 404) {
    return new NotFoundError(`GitHub does not know ${what}: ${message}`);
  }
  if (status === 403 || status === 409 || status === 422) {
    return new ConflictError(`GitHub refused to ${what}: ${message}`);
  }
  return error;
}
