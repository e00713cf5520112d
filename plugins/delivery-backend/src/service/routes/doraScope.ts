import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { groupWithChildren } from '../catalog/groupWithChildren';

const ref = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');

/** A query parameter's entity ref, lower-cased; 400 naming the parameter when malformed. */
function parseRef(value: string, defaultKind: string, name: string): string {
  try {
    const parsed = parseEntityRef(value, { defaultKind });
    if (!parsed.name || !parsed.namespace) throw new Error('empty');
    return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`Invalid entity ref '${value}' in ${name}`);
  }
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
    return query.entityRefs
      .split(',')
      .map(r => parseRef(r.trim(), 'component', 'entityRefs'));
  }
  const filter: Record<string, string | string[]> = { kind: 'component' };
  if (query.owner) {
    const owner = parseRef(query.owner, 'group', 'owner');
    filter['relations.ownedBy'] = await groupWithChildren(
      catalog,
      owner,
      credentials,
    );
  } else {
    filter['relations.partOf'] = parseRef(query.system!, 'system', 'system');
  }
  const { items } = await catalog.getEntities(
    { filter, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
    { credentials },
  );
  return items.map(ref);
}
