import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { denialMessage } from './denialMessage';
import { ServiceScopes } from './ServiceScopes';

/** Permissions checked in one call to the permission framework at most. */
const BATCH = 250;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The answer of {@link EntityAccess.filter}. */
export interface FilteredRefs {
  /** The refs the caller may see and use with the permission, in the given order. */
  allowed: string[];
  /** How many of the given refs were left out (hidden, unknown or denied). */
  omitted: number;
}

/**
 * Who may see and do what with an entity's delivery data. Every check reads the entity with
 * the caller's credentials first: an entity the caller cannot see is a 404 with the same message
 * as one that does not exist. Then the permission, a resource permission on the entity, so a
 * policy's catalog conditions apply; and for a service principal its configured scope.
 */
export class EntityAccess {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      scopes: ServiceScopes;
    },
  ) {}

  /**
   * The entity, if the caller may see it and the policy allows the permission on it.
   * @param notFound - the 404 message, the same as for a record that does not exist
   */
  async require(
    credentials: BackstageCredentials,
    entityRef: string | undefined,
    permission: ResourcePermission,
    notFound = `No entity ${entityRef} in the catalog`,
  ): Promise<Entity> {
    // a record of no entity (e.g. an unmapped run) is readable by nobody
    const entity =
      entityRef && this.deps.scopes.allows(credentials, entityRef)
        ? await this.deps.catalog.getEntityByRef(entityRef, { credentials })
        : undefined;
    if (!entity) {
      throw new NotFoundError(notFound);
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: lower(stringifyEntityRef(entity)) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(denialMessage(permission, entityRef!, entity));
    }
    return entity;
  }

  /**
   * Of these entity refs, those the caller may see and may use with the permission; the rest
   * are counted, never named.
   */
  async filter(
    credentials: BackstageCredentials,
    entityRefs: string[],
    permission: ResourcePermission,
  ): Promise<FilteredRefs> {
    const given = [...new Set(entityRefs.map(lower))];
    const unique = given.filter(ref =>
      this.deps.scopes.allows(credentials, ref),
    );
    const allowed = new Set<string>();
    for (let i = 0; i < unique.length; i += BATCH) {
      const chunk = unique.slice(i, i + BATCH);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: chunk,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      const visible = chunk.filter((_, j) => items[j]);
      if (visible.length === 0) continue;
      const decisions = await this.deps.permissions.authorize(
        visible.map(resourceRef => ({ permission, resourceRef })),
        { credentials },
      );
      visible.forEach((ref, j) => {
        if (decisions[j].result === AuthorizeResult.ALLOW) allowed.add(ref);
      });
    }
    const result = given.filter(r => allowed.has(r));
    return { allowed: result, omitted: given.length - result.length };
  }
}
