import { InputError } from '@backstage/errors';

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/**
 * Builds the lower-case entity ref `kind:namespace/name` from route parameters.
 */
export function entityRefFromParams(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  for (const key of ['kind', 'namespace', 'name'] as const) {
    if (!PART.test(params[key])) {
      throw new InputError(`Invalid entity ${key} '${params[key]}'`);
    }
  }
  return `${params.kind}:${params.namespace}/${params.name}`.toLocaleLowerCase(
    'en-US',
  );
}
