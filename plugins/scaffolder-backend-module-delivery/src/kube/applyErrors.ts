import { ConflictError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

/** The Status body of a failed request, when it has one. */
function statusOf(e: unknown):
  | {
      message?: string;
      reason?: string;
      details?: { causes?: Array<{ field?: string; message?: string }> };
    }
  | undefined {
  if (!(e instanceof ApiException)) return undefined;
  try {
    const body = JSON.parse(String(e.body));
    return typeof body === 'object' && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiException && e.code === 404;
}

/** The API server's Status message, without the request or object. */
export function statusMessage(e: unknown): string {
  if (e instanceof ApiException) {
    const message = statusOf(e)?.message;
    return typeof message === 'string'
      ? `${e.code}: ${message}`
      : `HTTP ${e.code}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * A 409 from a server-side apply as a ConflictError naming each field and the
 * manager that owns it (nothing was overwritten); undefined for other errors.
 */
export function applyConflict(
  e: unknown,
  what: string,
): ConflictError | undefined {
  if (!(e instanceof ApiException) || e.code !== 409) return undefined;
  const status = statusOf(e);
  const causes = (status?.details?.causes ?? []).filter(c => c.field);
  if (causes.length === 0) {
    return new ConflictError(`${what} failed: ${statusMessage(e)}`);
  }
  const fields = causes
    .map(c => `${c.field} (${c.message ?? 'another manager'})`)
    .join(', ');
  return new ConflictError(
    `${what} was refused: other field managers own fields it would change, and Slipway does not overwrite them: ${fields}. Nothing of this object was changed; reconcile those fields with their owners, then retry`,
  );
}
