import { InputError } from '@backstage/errors';
import { z } from 'zod';

const time = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const entityRef = z
  .string()
  .regex(
    /^[a-z0-9]+:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
    'must be kind:namespace/name',
  )
  .transform(v => v.toLocaleLowerCase('en-US'));

export const deploymentEvent = z
  .object({
    id: z.string().min(1).max(255),
    entityRef,
    environment: z.string().min(1).max(64),
    status: z.enum(['success', 'failed', 'cancelled']),
    startedAt: time.optional(),
    finishedAt: time,
    commitSha: z.string().min(4).max(64).optional(),
    version: z.string().min(1).max(255).optional(),
    remediationFor: z.string().min(1).max(255).optional(),
  })
  .strict();

export const changeEvent = z
  .object({
    sha: z.string().min(4).max(64),
    entityRef,
    authoredAt: time,
    committedAt: time.optional(),
    isMerge: z.boolean().default(false),
    deploymentId: z.string().min(1).max(255).optional(),
  })
  .strict();

export const incidentEvent = z
  .object({
    id: z.string().min(1).max(255),
    entityRef,
    title: z.string().max(1024).optional(),
    startedAt: time,
    resolvedAt: time.nullable().optional(),
    causedByDeploymentId: z.string().min(1).max(255).optional(),
  })
  .strict();

const MAX_BATCH = 1000;

/**
 * Validates a batch (a JSON array, or `{ items: [...] }`) of events; the message names the index
 * and field of every problem. Nothing of a bad batch is stored.
 */
export function parseBatch<T extends z.ZodTypeAny>(
  schema: T,
  kind: string,
  body: unknown,
): Array<z.infer<T>> {
  const items = Array.isArray(body)
    ? body
    : (body as { items?: unknown })?.items;
  if (!Array.isArray(items)) {
    throw new InputError(
      `Invalid ${kind} batch: send a JSON array of ${kind} (or { "items": [...] })`,
    );
  }
  if (items.length === 0 || items.length > MAX_BATCH) {
    throw new InputError(
      `Invalid ${kind} batch: send between 1 and ${MAX_BATCH} ${kind}`,
    );
  }
  // DORA.md's optional fields may be sent as null: null is "absent".
  const withoutNulls = items.map(item =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).filter(
            ([, v]) => v !== null,
          ),
        )
      : item,
  );
  const result = z.array(schema).safeParse(withoutNulls);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 10)
      .map(
        i =>
          `[${i.path[0]}]${i.path
            .slice(1)
            .map(p => `.${p}`)
            .join('')}: ${i.message}`,
      )
      .join('; ');
    throw new InputError(`Invalid ${kind} batch: ${problems}`);
  }
  assertUnique(kind, result.data);
  return result.data;
}

/** A record appears once per batch: a second item with the same key is refused, naming both. */
function assertUnique(
  kind: string,
  items: Array<{ id?: string; sha?: string; entityRef?: string }>,
) {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key =
      item.id !== undefined
        ? `id '${item.id}'`
        : `sha '${item.sha?.toLocaleLowerCase('en-US')}' of ${item.entityRef}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        `Invalid ${kind} batch: [${index}] repeats the ${key} of [${first}]; send each record once`,
      );
    }
    seen.set(key, index);
  });
}
