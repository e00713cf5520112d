import { AuthService } from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The parent groups of groups, read from the catalog with the policy's own credentials and kept
 * for a short while (`ttlMs`), so that a policy can treat a member of a child group as a member
 * of every group above it.
 */
export class GroupAncestry {
  #parents?: Promise<Map<string, string[]>>;
  #readAt = 0;

  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
    private readonly ttlMs = 60_000,
  ) {}

  /** The refs given, plus every group above any of them. */
  async withAncestors(refs: string[]): Promise<string[]> {
    const parents = await this.#load();
    const result = new Set<string>();
    const queue = refs.map(lower);
    while (queue.length > 0) {
      const ref = queue.pop()!;
      if (result.has(ref)) continue;
      result.add(ref);
      queue.push(...(parents.get(ref) ?? []));
    }
    return [...result];
  }

  #load(): Promise<Map<string, string[]>> {
    if (!this.#parents || Date.now() - this.#readAt > this.ttlMs) {
      this.#readAt = Date.now();
      const reading = this.#read();
      // a failed read is not kept: the next question reads again
      reading.catch(() => {
        if (this.#parents === reading) this.#parents = undefined;
      });
      this.#parents = reading;
    }
    return this.#parents;
  }

  async #read(): Promise<Map<string, string[]>> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return new Map(
      items.map(group => [
        lower(stringifyEntityRef(group)),
        (group.relations ?? [])
          .filter(r => r.type === RELATION_CHILD_OF)
          .map(r => lower(r.targetRef)),
      ]),
    );
  }
}
