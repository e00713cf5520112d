import { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ObjectMetadata } from '../kube/manifest';
import { isAdoptable } from '../policy/namespaceRules';
import { ScaffolderPolicy } from '../policy/readPolicy';
import {
  OWNERSHIP,
  Owner,
  describeOwner,
  recordedOwner,
  sameEntity,
} from './owner';

/**
 * A namespace before the actions write: `absent` (they create it), `owned`
 * (by this entity and this template run) or `adopt` (not theirs, but config
 * lets them take it over).
 */
export type NamespaceState = 'absent' | 'owned' | 'adopt';

/** Why the owner may not write to an object with this metadata, if it may not. */
export function refusal(
  metadata: ObjectMetadata,
  owner: Owner,
): string | undefined {
  const recorded = recordedOwner(metadata);
  if (!recorded.labelled) {
    return `exists and is not Slipway's (no ${OWNERSHIP.entityLabel} label)`;
  }
  if (!sameEntity(recorded, metadata, owner)) {
    return `belongs to ${describeOwner(recorded)}, not to ${owner.entityRef}`;
  }
  if (recorded.taskId !== owner.taskId) {
    return `belongs to ${describeOwner(
      recorded,
    )}: another template run created it, and only that run, retried, may change it`;
  }
  return undefined;
}

/**
 * Reads every namespace and decides what the owner may do, before anything
 * is written. Throws NotAllowedError naming each namespace and its owner when
 * one exists and is another entity's, another run's or not Slipway's, unless
 * `delivery.scaffolder.adoptNamespaces` lists it.
 */
export async function checkNamespaces(options: {
  readNamespace(name: string): Promise<ObjectMetadata | undefined>;
  owner: Owner;
  namespaces: string[];
  policy: ScaffolderPolicy;
  logger: LoggerService;
}): Promise<Map<string, NamespaceState>> {
  const { owner, policy, logger } = options;
  const states = new Map<string, NamespaceState>();
  const refusals: string[] = [];
  for (const namespace of options.namespaces) {
    const metadata = await options.readNamespace(namespace);
    const reason = metadata && refusal(metadata, owner);
    if (!metadata) {
      states.set(namespace, 'absent');
    } else if (!reason) {
      states.set(namespace, 'owned');
    } else if (isAdoptable(policy, namespace)) {
      logger.warn(
        `Adopting namespace ${namespace} for ${owner.entityRef} (delivery.scaffolder.adoptNamespaces): it ${reason}`,
      );
      states.set(namespace, 'adopt');
    } else {
      refusals.push(`namespace '${namespace}' ${reason}`);
    }
  }
  if (refusals.length > 0) {
    throw new NotAllowedError(
      `Refused, nothing was written: ${refusals.join(
        '; ',
      )}. Choose another name, or have the platform team list the namespace in delivery.scaffolder.adoptNamespaces.`,
    );
  }
  return states;
}
