import { InputError } from '@backstage/errors';

/** Position after the last item of a page: its sort time and uid (the tie-breaker). */
export interface RunCursor {
  sortAt: Date;
  uid: string;
}

export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.sortAt.toISOString(), cursor.uid]),
    'utf8',
  ).toString('base64url');
}

export function decodeRunCursor(value: string): RunCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      const sortAt = new Date(parsed[0]);
      if (!Number.isNaN(sortAt.getTime())) {
        return { sortAt, uid: parsed[1] };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'Invalid cursor: pass back the nextCursor of a previous page unchanged',
  );
}
