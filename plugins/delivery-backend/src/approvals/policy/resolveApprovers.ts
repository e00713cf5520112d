import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { groupWithChildren } from '../../service/catalog/groupWithChildren';

/** The `from` entry meaning "the owners of the component being promoted". */
export const OWNERS = 'owners';

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** Reads users and groups of the catalog for approval rules. */
export class CatalogApprovers {
  constructor(
    private readonly catalog: CatalogService,
    private readonly credentials: () => Promise<BackstageCredentials>,
  ) {}

  /** Users who are members of any of these groups or of their child groups. */
  async membersOf(groups: string[]): Promise<string[]> {
    const credentials = await this.credentials();
    const all = new Set<string>();
    for (const group of groups) {
      for (const g of await groupWithChildren(
        this.catalog,
        group,
        credentials,
      )) {
        all.add(g);
      }
    }
    if (all.size === 0) return [];
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'user', 'relations.memberOf': [...all] },
        fields: REF_FIELDS,
      },
      { credentials },
    );
    return items.map(e => lower(stringifyEntityRef(e)));
  }

  /**
   * The users a rule's `from` names: users as they are, groups with their members (child
   * groups included), `owners` as the component's owner (a user, or a group's members).
   */
  async resolve(from: string[], ownerRef: string): Promise<string[]> {
    const users = new Set<string>();
    const groups: string[] = [];
    for (const entry of from) {
      const target = entry === OWNERS ? ownerRef : entry;
      const ref = parseRef(target, entry === OWNERS ? 'group' : 'user');
      if (ref.startsWith('user:')) users.add(ref);
      else if (ref.startsWith('group:')) groups.push(ref);
      else {
        throw new InputError(
          `Approval rule entry '${entry}' must name a user, a group or '${OWNERS}'`,
        );
      }
    }
    for (const member of await this.membersOf(groups)) users.add(member);
    return [...users].sort();
  }

  /** Maps commit authors (user refs or e-mail addresses) to catalog users. */
  async usersFor(authors: string[]): Promise<string[]> {
    const refs = authors.filter(a => !a.includes('@')).map(a => parseRef(a));
    const emails = authors.filter(a => a.includes('@')).map(lower);
    if (emails.length > 0) {
      const { items } = await this.catalog.getEntities(
        {
          filter: { kind: 'user', 'spec.profile.email': emails },
          fields: REF_FIELDS,
        },
        { credentials: await this.credentials() },
      );
      refs.push(...items.map(e => lower(stringifyEntityRef(e))));
    }
    return [...new Set(refs)];
  }
}

function parseRef(ref: string, defaultKind = 'user'): string {
  try {
    return lower(stringifyEntityRef(parseEntityRef(ref, { defaultKind })));
  } catch {
    throw new InputError(`'${ref}' is not an entity ref`);
  }
}
