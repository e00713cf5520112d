import { InputError } from '@backstage/errors';
import type { z as zod } from 'zod/v3';

const PART = '[a-zA-Z0-9](?:[-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?';
/** `kind:namespace/name`, each part as the catalog allows it. */
export const ENTITY_REF = new RegExp(
  `^([a-zA-Z][a-zA-Z0-9]*):(${PART})/(${PART})$`,
);

/** Zod schema of a full entity ref (`kind:namespace/name`). */
export function entityRefSchema(z: typeof zod, description: string) {
  return z
    .string()
    .regex(ENTITY_REF, 'must be a full entity ref, kind:namespace/name')
    .describe(description);
}

/**
 * The ref with kind and namespace lower-cased (as the catalog writes refs);
 * `InputError` when it is not `kind:namespace/name`.
 */
export function normaliseEntityRef(ref: string): string {
  const match = ENTITY_REF.exec(ref);
  if (!match) {
    throw new InputError(
      `'${ref}' is not a full entity ref (kind:namespace/name)`,
    );
  }
  const [, kind, namespace, name] = match;
  return `${kind.toLowerCase()}:${namespace.toLowerCase()}/${name}`;
}
