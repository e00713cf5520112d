import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

const MAX_GROUPS = 500;

const ref = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');

/** The group and all its descendants (by `parentOf` relations), breadth first. */
async function groupWithChildren(
  catalog: CatalogService,
  group: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const seen = new Set<string>([group]);
  let frontier = [group];
  while (frontier.length > 0 && seen.size < MAX_GROUPS) {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: frontier,
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials },
    );
    frontier = [];
    for (const entity of items) {
      for (const r of entity?.relations ?? []) {
        const child = r.targetRef.toLocaleLowerCase('en-US');
        if (r.type === RELATION_PARENT_OF && !seen.has(child)) {
          seen.add(child);
          frontier.push(child);
        }
      }
    }
  }
  return [...seen];
}

/**
 * The entities a roll-up pools: an explicit list, the components owned by a group and its child
 * groups, or the components of a system — as the caller may read them in the catalog.
 */
export async function resolveDoraScope(
  catalog: CatalogService,
  query: { entityRefs?: string; owner?: string; system?: string },
  credentials: BackstageCredentials,
): Promise<string[]> {
  const given = [query.entityRefs, query.owner, query.system].filter(
    Boolean,
  ).length;
  if (given !== 1) {
    throw new InputError('Pass exactly one of entityRefs, owner or system');
  }
  if (query.entityRefs) {
    return query.entityRefs.split(',').map(r => {
      try {
        return stringifyEntityRef(
          parseEntityRef(r.trim(), { defaultKind: 'component' }),
        ).toLocaleLowerCase('en-US');
      } catch {
        throw new InputError(`Invalid entity ref '${r}' in entityRefs`);
      }
    });
  }
  const filter: Record<string, string | string[]> = { kind: 'component' };
  if (query.owner) {
    const owner = stringifyEntityRef(
      parseEntityRef(query.owner, { defaultKind: 'group' }),
    ).toLocaleLowerCase('en-US');
    filter['relations.ownedBy'] = await groupWithChildren(
      catalog,
      owner,
      credentials,
    );
  } else {
    filter['relations.partOf'] = stringifyEntityRef(
      parseEntityRef(query.system!, { defaultKind: 'system' }),
    ).toLocaleLowerCase('en-US');
  }
  const { items } = await catalog.getEntities(
    { filter, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
    { credentials },
  );
  return items.map(ref);
}
