import { NotAllowedError } from '@backstage/errors';
import { ScaffolderPolicy } from './readPolicy';

/** `tekton.dev/Pipeline`, or `Service` for the core group. */
export function kindKey(m: { apiVersion: string; kind: string }): string {
  const group = m.apiVersion.includes('/') ? m.apiVersion.split('/')[0] : '';
  return group ? `${group}/${m.kind}` : m.kind;
}

/**
 * Refuses a kind config does not list: namespaced kinds must be in
 * `allowedKinds`, cluster-scoped ones in `allowedClusterScopedKinds`.
 * `namespaced` undefined (dry run, no discovery): either list will do.
 */
export function checkKind(
  policy: ScaffolderPolicy,
  m: { apiVersion: string; kind: string; metadata: { name: string } },
  namespaced: boolean | undefined,
  source: string,
): void {
  const key = kindKey(m);
  const inNamespaced = policy.allowedKinds.includes(key);
  const inClusterScoped = policy.allowedClusterScopedKinds.includes(key);
  if (namespaced === true && !inNamespaced) {
    throw new NotAllowedError(
      `${source}: ${m.kind} ${
        m.metadata.name
      }: kind ${key} is not in delivery.scaffolder.allowedKinds (${policy.allowedKinds.join(
        ', ',
      )})`,
    );
  }
  if (namespaced === false && !inClusterScoped) {
    throw new NotAllowedError(
      `${source}: ${m.kind} ${m.metadata.name}: ${key} is cluster-scoped and not in delivery.scaffolder.allowedClusterScopedKinds; Slipway applies into the CI namespace only`,
    );
  }
  if (namespaced === undefined && !inNamespaced && !inClusterScoped) {
    throw new NotAllowedError(
      `${source}: ${m.kind} ${
        m.metadata.name
      }: kind ${key} is not in delivery.scaffolder.allowedKinds (${policy.allowedKinds.join(
        ', ',
      )})`,
    );
  }
}

/** Refuses a `deployClusterRole` outside `delivery.scaffolder.deployClusterRoles`. */
export function checkDeployClusterRole(
  policy: ScaffolderPolicy,
  role: string,
): void {
  if (!policy.deployClusterRoles.includes(role)) {
    throw new NotAllowedError(
      `deployClusterRole '${role}' is not in delivery.scaffolder.deployClusterRoles (${policy.deployClusterRoles.join(
        ', ',
      )})`,
    );
  }
}
