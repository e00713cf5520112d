import { InputError } from '@backstage/errors';

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/**
 * Builds the lower-case entity ref `kind:namespace/name` from route parameters.
 */
export function entityRefFromParams(
  params: Record<string, string | undefined>,
): string {
  for (const key of ['kind', 'namespace', 'name'] as const) {
    const value = params[key];
    if (typeof value !== 'string' || !PART.test(value)) {
      throw new InputError(`Invalid entity ${key} '${value ?? ''}'`);
    }
  }
  return `${params.kind}:${params.namespace}/${params.name}`.toLocaleLowerCase(
    'en-US',
  );
}
