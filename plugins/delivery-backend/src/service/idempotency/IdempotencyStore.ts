import { ConflictError, InputError } from '@backstage/errors';
import { Knex } from 'knex';

const TABLE = 'delivery_idempotency';
const KEEP_MS = 24 * 3_600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

/** What an action answered the first time. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/**
 * Idempotency keys of actions: the first request with a key claims it, a retry with the same
 * key (same principal, same action) gets the first answer instead of acting again, and a
 * concurrent one a 409. A failed action releases its key. Keys are kept for a day.
 */
export class IdempotencyStore {
  constructor(private readonly db: Knex) {}

  /** The `Idempotency-Key` header, if sent; 400 when it cannot be one. */
  static keyOf(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY.test(key)) {
      throw new InputError(
        'Idempotency-Key must be 1 to 255 visible ASCII characters',
      );
    }
    return key;
  }

  /**
   * The action once per `Idempotency-Key` header when the request sent one (see {@link once}),
   * else simply the action.
   */
  async perRequest(
    header: string | string[] | undefined,
    claim: { principal: string; action: string; target: string },
    act: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer & { replayed: boolean }> {
    const key = IdempotencyStore.keyOf(header);
    return key
      ? this.once({ ...claim, key }, act)
      : { ...(await act()), replayed: false };
  }

  /** Inserts the key's row; false when it is there already. */
  private async claim(row: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db(TABLE).insert(row);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  /**
   * Runs the action once per key: answers `{ replay }` with the stored answer of an earlier
   * request, or the action's own answer after storing it.
   */
  async once(
    claim: { principal: string; action: string; key: string; target: string },
    act: () => Promise<StoredAnswer>,
    now = new Date(),
  ): Promise<StoredAnswer & { replayed: boolean }> {
    await this.db(TABLE)
      .where('created_at', '<', new Date(now.getTime() - KEEP_MS))
      .delete();
    const id = {
      principal: claim.principal,
      action: claim.action,
      key: claim.key,
    };
    if (!(await this.claim({ ...id, target: claim.target, created_at: now }))) {
      const existing = await this.db(TABLE).where(id).first();
      if (!existing) {
        throw new ConflictError(
          `A request with Idempotency-Key '${claim.key}' just failed; send it again`,
        );
      }
      if (existing.target !== claim.target) {
        throw new ConflictError(
          `Idempotency-Key '${claim.key}' was used for ${existing.target}, not ${claim.target}`,
        );
      }
      if (existing.status === null) {
        throw new ConflictError(
          `A request with Idempotency-Key '${claim.key}' is still in progress`,
        );
      }
      return {
        status: existing.status,
        body: JSON.parse(existing.body),
        replayed: true,
      };
    }
    try {
      const answer = await act();
      await this.db(TABLE)
        .where(id)
        .update({ status: answer.status, body: JSON.stringify(answer.body) });
      return { ...answer, replayed: false };
    } catch (error) {
      await this.db(TABLE).where(id).delete();
      throw error;
    }
  }
}

/** A primary-key clash on SQLite or PostgreSQL. */
function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}
