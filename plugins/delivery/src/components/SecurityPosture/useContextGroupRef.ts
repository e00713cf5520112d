import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useAsyncEntity } from '@backstage/plugin-catalog-react';

/** What {@link useContextGroupRef} returns. */
export interface ContextGroup {
  /** True while the surrounding entity page still loads its entity. */
  loading: boolean;
  /** The ref of the group whose page this is, e.g. `group:default/payments-team`. */
  groupRef?: string;
}

function useOptionalAsyncEntity(): { entity?: Entity; loading: boolean } {
  try {
    return useAsyncEntity();
  } catch {
    // Rendered outside any entity page: there is no entity context at all.
    return { loading: false };
  }
}

/**
 * The group of the entity page this is rendered on, if it is a group's page; nothing
 * outside an entity page or on another kind's page.
 */
export function useContextGroupRef(): ContextGroup {
  const { entity, loading } = useOptionalAsyncEntity();
  if (entity?.kind.toLocaleLowerCase('en-US') === 'group') {
    return { loading: false, groupRef: stringifyEntityRef(entity) };
  }
  return { loading: Boolean(loading && !entity) };
}
