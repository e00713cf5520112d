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

  /**
   * Matches the identities a pipeline names (user entity refs, e-mail addresses, SCM logins) to
   * catalog users: a ref must name a user the catalog has, an e-mail a user's
   * `spec.profile.email`, a login a user annotated `github.com/user-login` or
   * `gitlab.com/user-login` (or, failing that, the user of that name in the default namespace).
   * What matches nobody is answered as unresolved, never dropped.
   */
  async identify(
    identities: string[],
  ): Promise<{ users: string[]; unresolved: string[] }> {
    const credentials = await this.credentials();
    const users = new Set<string>();
    const unresolved: string[] = [];
    for (const identity of [
      ...new Set(identities.map(i => i.trim()).filter(Boolean)),
    ]) {
      const found = await this.#match(identity, credentials);
      if (found.length === 0) unresolved.push(identity);
      found.forEach(u => users.add(u));
    }
    return { users: [...users].sort(), unresolved };
  }

  async #match(
    identity: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const refs = (filter: Record<string, string>) =>
      this.catalog
        .getEntities(
          { filter: { kind: 'user', ...filter }, fields: REF_FIELDS },
          { credentials },
        )
        .then(({ items }) => items.map(e => lower(stringifyEntityRef(e))));
    if (identity.includes('@')) {
      return refs({ 'spec.profile.email': lower(identity) });
    }
    if (identity.includes(':') || identity.includes('/')) {
      let ref: string;
      try {
        ref = parseRef(identity);
      } catch {
        return [];
      }
      if (!ref.startsWith('user:')) return [];
      const entity = await this.catalog.getEntityByRef(ref, { credentials });
      return entity ? [ref] : [];
    }
    for (const annotation of [
      'github.com/user-login',
      'gitlab.com/user-login',
    ]) {
      const byLogin = await refs({
        [`metadata.annotations.${annotation}`]: identity,
      });
      if (byLogin.length > 0) return byLogin;
    }
    const byName = `user:default/${lower(identity)}`;
    return (await this.catalog.getEntityByRef(byName, { credentials }))
      ? [byName]
      : [];
  }
}

function parseRef(ref: string, defaultKind = 'user'): string {
  try {
    return lower(stringifyEntityRef(parseEntityRef(ref, { defaultKind })));
  } catch {
    throw new InputError(`'${ref}' is not an entity ref`);
  }
}
