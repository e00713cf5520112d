import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { RELATION_PARENT_OF } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const MAX_GROUPS = 500;

/**
 * The group and all its descendants (by `parentOf` relations), breadth first; refs in lower case.
 */
export async function groupWithChildren(
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
