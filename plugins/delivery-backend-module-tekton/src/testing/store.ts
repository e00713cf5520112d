import { randomUUID } from 'node:crypto';
import { groupVersion, storageKey } from './registry';
import { KubeObject, ResourceDefinition, clone, isRecord } from './types';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as kept in the store's history. */
export interface StoreEvent {
  type: StoreEventType;
  /** The storage key of the object's type, e.g. 'pipelineruns.tekton.dev'. */
  resource: string;
  resourceVersion: number;
  object: KubeObject;
  /** The object before a MODIFIED change (used to filter by label). */
  previous?: KubeObject;
}

type Listener = (event: StoreEvent) => void;

function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Cluster-scoped objects are kept under the namespace ''. */
function key(resource: string, namespace: string, name: string): string {
  return `${resource}/${namespace}/${name}`;
}

/**
 * In-memory objects with one global, increasing resourceVersion (like etcd),
 * a change history for watch replay, and a compaction point.
 */
export class ObjectStore {
  private resourceVersion = 100;
  private compactedAt = 0;
  private readonly objects = new Map<string, KubeObject>();
  private history: StoreEvent[] = [];
  private readonly listeners = new Set<Listener>();

  currentResourceVersion(): number {
    return this.resourceVersion;
  }

  /** Resource versions below this one are no longer in the history. */
  compactionPoint(): number {
    return this.compactedAt;
  }

  compact(): void {
    this.history = [];
    this.compactedAt = this.resourceVersion;
  }

  /** `namespace` is ignored for cluster-scoped types. */
  get(def: ResourceDefinition, namespace: string | undefined, name: string) {
    const ns = def.namespaced ? namespace ?? '' : '';
    const found = this.objects.get(key(storageKey(def), ns, name));
    return found ? clone(found) : undefined;
  }

  /** Objects of one type (optionally one namespace), sorted by namespace/name. */
  list(def: ResourceDefinition, namespace?: string): KubeObject[] {
    const prefix = `${storageKey(def)}/`;
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, obj]) => obj)
      .filter(obj => !namespace || obj.metadata.namespace === namespace)
      .map(obj => clone(obj));
  }

  /**
   * Creates or replaces an object. Needs metadata.name (and metadata.namespace
   * for namespaced types); keeps (or assigns) uid and creationTimestamp;
   * assigns a new resourceVersion. apiVersion defaults to the definition's.
   */
  put(def: ResourceDefinition, input: unknown): KubeObject {
    if (!isRecord(input) || !isRecord(input.metadata)) {
      throw new Error('object needs metadata');
    }
    const { namespace: rawNamespace, ...meta } = input.metadata;
    const name = meta.name;
    const namespace = def.namespaced ? rawNamespace : '';
    if (typeof name !== 'string' || !name) {
      throw new Error('object needs metadata.name');
    }
    if (typeof namespace !== 'string' || (def.namespaced && !namespace)) {
      throw new Error(`${def.kind} objects need metadata.namespace`);
    }
    const resource = storageKey(def);
    const previous = this.objects.get(key(resource, namespace, name));
    const copy = clone(input);
    this.resourceVersion += 1;
    const stored: KubeObject = {
      ...copy,
      apiVersion:
        typeof copy.apiVersion === 'string'
          ? copy.apiVersion
          : groupVersion(def),
      kind: def.kind,
      metadata: {
        ...clone(meta),
        name,
        ...(def.namespaced ? { namespace } : {}),
        uid:
          typeof meta.uid === 'string'
            ? meta.uid
            : previous?.metadata.uid ?? randomUUID(),
        creationTimestamp:
          typeof meta.creationTimestamp === 'string'
            ? meta.creationTimestamp
            : previous?.metadata.creationTimestamp ?? nowTimestamp(),
        resourceVersion: String(this.resourceVersion),
      },
    };
    this.objects.set(key(resource, namespace, name), stored);
    this.emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      resource,
      resourceVersion: this.resourceVersion,
      object: clone(stored),
      previous: previous ? clone(previous) : undefined,
    });
    return clone(stored);
  }

  /** Deletes an object; the DELETED event carries a new resourceVersion. */
  remove(def: ResourceDefinition, namespace: string | undefined, name: string) {
    const resource = storageKey(def);
    const k = key(resource, def.namespaced ? namespace ?? '' : '', name);
    const existing = this.objects.get(k);
    if (!existing) return undefined;
    this.objects.delete(k);
    this.resourceVersion += 1;
    const deleted: KubeObject = {
      ...clone(existing),
      metadata: {
        ...clone(existing.metadata),
        resourceVersion: String(this.resourceVersion),
      },
    };
    this.emit({
      type: 'DELETED',
      resource,
      resourceVersion: this.resourceVersion,
      object: deleted,
    });
    return clone(deleted);
  }

  /** History events after `resourceVersion`, or `undefined` when compacted away. */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.compactedAt) return undefined;
    return this.history.filter(e => e.resourceVersion > resourceVersion);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }
}
