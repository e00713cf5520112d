import { InputError, NotAllowedError } from '@backstage/errors';
import { matchesAny } from './glob';
import { DNS_LABEL, ScaffolderPolicy } from './readPolicy';

const LABEL = new RegExp(`^${DNS_LABEL}$`);

/**
 * Refuses a namespace the actions may not write to: not a DNS label of at most
 * 63 characters or not matching `namespacePattern` (InputError), or reserved
 * (NotAllowedError). `what` names where the name came from.
 */
export function checkNamespaceName(
  policy: ScaffolderPolicy,
  namespace: string,
  what: string,
): void {
  if (namespace.length > 63 || !LABEL.test(namespace)) {
    throw new InputError(
      `${what} '${namespace}' is not a DNS label of at most 63 characters`,
    );
  }
  if (matchesAny(namespace, policy.reservedNamespaces)) {
    throw new NotAllowedError(
      `${what} '${namespace}' is reserved (delivery.scaffolder.reservedNamespaces); Slipway does not write there`,
    );
  }
  if (!policy.namespacePattern.test(namespace)) {
    throw new InputError(
      `${what} '${namespace}' does not match delivery.scaffolder.namespacePattern ${policy.namespacePatternText}`,
    );
  }
}

/** Whether config lets the actions take over an existing namespace. */
export function isAdoptable(
  policy: ScaffolderPolicy,
  namespace: string,
): boolean {
  return matchesAny(namespace, policy.adoptNamespaces);
}
