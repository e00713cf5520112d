import { ResourceRegistry, groupVersion, storageKey } from './registry';
import { KubeObject, ResourceDefinition } from './types';

/** What a resource path (after /api/v1 or /apis/{group}/{version}) addresses. */
export interface Target {
  def: ResourceDefinition;
  /** Set for paths under /namespaces/{namespace}/. */
  namespace?: string;
  name?: string;
  statusOnly: boolean;
}

/** The resource name used in API error messages, e.g. 'pipelineruns.tekton.dev'. */
export function qualified(def: ResourceDefinition): string {
  return storageKey(def);
}

/** An object as served for the requested version. */
export function render(obj: KubeObject, target: Target): KubeObject {
  return {
    ...obj,
    apiVersion: groupVersion(target.def),
    kind: target.def.kind,
  };
}

function itemPath(
  def: ResourceDefinition,
  namespace: string | undefined,
  [name, sub, ...extra]: string[],
): Target | undefined {
  if (extra.length || (sub !== undefined && sub !== 'status')) return undefined;
  return { def, namespace, name, statusOnly: sub === 'status' };
}

/**
 * Parses the segments after the group version:
 * `{plural}[/{name}[/status]]` (cluster-scoped types; namespaced types only
 * as a cluster-wide collection) or
 * `namespaces/{namespace}/{plural}[/{name}[/status]]` (namespaced types).
 */
export function parseTarget(
  registry: ResourceRegistry,
  group: string,
  version: string,
  rest: string[],
): Target | undefined {
  const [first, namespace, plural, ...item] = rest;
  const namespacedDef =
    first === 'namespaces' && plural !== undefined
      ? registry.find(group, version, plural)
      : undefined;
  if (namespacedDef?.namespaced) {
    return itemPath(namespacedDef, namespace, item);
  }
  const def = registry.find(group, version, first);
  if (!def) return undefined;
  if (rest.length === 1) return { def, statusOnly: false };
  return def.namespaced ? undefined : itemPath(def, undefined, rest.slice(1));
}
