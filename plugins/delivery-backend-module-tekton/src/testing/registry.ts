import {
  ResourceDefinition,
  TEKTON_GROUP,
  TEKTON_PLURALS,
  TEKTON_RESOURCES,
  TektonVersion,
} from './types';

/** The name objects of a type are stored under, e.g. 'deployments.apps' or 'secrets'. */
export function storageKey(def: ResourceDefinition): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

/** 'v1' for the core group, otherwise 'group/version'. */
export function groupVersion(def: { group: string; version: string }): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** The Tekton run types, one definition per served version. */
export function tektonRunDefinitions(
  servedVersions: TektonVersion[],
): ResourceDefinition[] {
  return servedVersions.flatMap(version =>
    TEKTON_PLURALS.map(plural => ({
      group: TEKTON_GROUP,
      version,
      plural,
      ...TEKTON_RESOURCES[plural],
      namespaced: true,
      categories: ['tekton', 'tekton-pipelines'],
    })),
  );
}

/** An API group with its versions in registration order (preferred first). */
export interface ServedGroup {
  name: string;
  versions: string[];
}

/** The resource types one fake API server serves. */
export class ResourceRegistry {
  private readonly definitions: ResourceDefinition[] = [];

  constructor(definitions: ResourceDefinition[]) {
    for (const def of definitions) this.add(def);
  }

  all(): ResourceDefinition[] {
    return [...this.definitions];
  }

  /** Named groups (not the core group), in registration order. */
  groups(): ServedGroup[] {
    const groups = new Map<string, string[]>();
    for (const { group, version } of this.definitions) {
      if (!group) continue;
      const versions = groups.get(group) ?? [];
      if (!versions.includes(version)) versions.push(version);
      groups.set(group, versions);
    }
    return [...groups].map(([name, versions]) => ({ name, versions }));
  }

  /** Types served at one group version (empty when it is not served). */
  inGroupVersion(group: string, version: string): ResourceDefinition[] {
    return this.definitions.filter(
      d => d.group === group && d.version === version,
    );
  }

  find(
    group: string,
    version: string,
    plural: string,
  ): ResourceDefinition | undefined {
    return this.definitions.find(
      d => d.group === group && d.version === version && d.plural === plural,
    );
  }

  /**
   * The preferred (first registered) definition for 'plural' or
   * 'plural.group'. Throws when it is unknown or a bare plural is ambiguous.
   */
  resolve(name: string): ResourceDefinition {
    const exact = this.definitions.find(d => storageKey(d) === name);
    if (exact) return exact;
    const byPlural = this.definitions.filter(d => d.plural === name);
    const keys = new Set(byPlural.map(storageKey));
    if (keys.size > 1) {
      throw new Error(
        `'${name}' is ambiguous, use one of: ${[...keys].join(', ')}`,
      );
    }
    if (byPlural.length === 0) {
      throw new Error(`the fake API server does not serve '${name}'`);
    }
    return byPlural[0];
  }

  /** Whether creates check that their namespace exists (namespaces served). */
  checksNamespaces(): boolean {
    return this.definitions.some(
      d => d.group === '' && d.plural === 'namespaces',
    );
  }

  private add(def: ResourceDefinition): void {
    if (this.find(def.group, def.version, def.plural)) {
      throw new Error(`${groupVersion(def)} ${def.plural} is registered twice`);
    }
    const sibling = this.definitions.find(
      d => storageKey(d) === storageKey(def),
    );
    if (sibling && sibling.namespaced !== def.namespaced) {
      throw new Error(
        `${storageKey(def)} must have the same scope in every version`,
      );
    }
    this.definitions.push(def);
  }
}
