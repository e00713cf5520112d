import { parseEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';

/** A resource permission, as `usePermission` takes it with a resource ref. */
type ResourcePermission = Extract<
  Parameters<typeof usePermission>[0],
  { resourceRef: string | undefined }
>['permission'];

/** What an action does, in the words of the reason it is refused. */
export interface ActionWording {
  /** After "Only owners of payments-api may", e.g. `rerun its runs`. */
  owners: string;
  /** After "You may not", for data that names no entity, e.g. `rerun this run`. */
  anyone: string;
}

/** The user's permission to act on an entity, and why not. */
export interface EntityPermission {
  /** True until the permission is decided: act as if not allowed, without saying why. */
  loading: boolean;
  allowed: boolean;
  /** Why the user may not take an action so worded; undefined while loading or when allowed. */
  reason(wording: ActionWording): string | undefined;
}

function entityName(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}

/**
 * Whether the signed-in user has a resource permission on a catalog entity (resource ref: the
 * entity ref, e.g. `component:default/payments-api`). Without a ref the answer is no, as the
 * backend's would be.
 */
export function useEntityPermission(
  permission: ResourcePermission,
  entityRef: string | undefined,
): EntityPermission {
  const { loading, allowed, error } = usePermission({
    permission,
    resourceRef: entityRef,
  });
  const reason = (wording: ActionWording) => {
    if (loading || allowed) return undefined;
    if (error) {
      return `Could not check your permission to ${wording.anyone}: ${error.message}`;
    }
    return entityRef
      ? `Only owners of ${entityName(entityRef)} may ${wording.owners}`
      : `You may not ${wording.anyone}`;
  };
  return { loading, allowed, reason };
}
