import { randomUUID } from 'node:crypto';
import {
  KubeObject,
  TEKTON_RESOURCES,
  TektonPlural,
  clone,
  isRecord,
} from './types';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as kept in the store's history. */
export interface StoreEvent {
  type: StoreEventType;
  plural: TektonPlural;
  resourceVersion: number;
  object: KubeObject;
  /** The object before a MODIFIED change (used to filter by label). */
  previous?: KubeObject;
}

type Listener = (event: StoreEvent) => void;

function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function key(plural: TektonPlural, namespace: string, name: string): string {
  return `${plural}/${namespace}/${name}`;
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

  constructor(private readonly defaultApiVersion: string) {}

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

  get(plural: TektonPlural, namespace: string, name: string) {
    const found = this.objects.get(key(plural, namespace, name));
    return found ? clone(found) : undefined;
  }

  /** Objects of one plural (optionally one namespace), sorted by namespace/name. */
  list(plural: TektonPlural, namespace?: string): KubeObject[] {
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${plural}/`))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, obj]) => obj)
      .filter(obj => !namespace || obj.metadata.namespace === namespace)
      .map(obj => clone(obj));
  }

  /**
   * Creates or replaces an object. Needs metadata.name and metadata.namespace;
   * keeps (or assigns) uid and creationTimestamp; assigns a new resourceVersion.
   */
  put(plural: TektonPlural, input: unknown): KubeObject {
    if (!isRecord(input) || !isRecord(input.metadata)) {
      throw new Error('object needs metadata');
    }
    const meta = input.metadata;
    const { name, namespace } = meta;
    if (
      typeof name !== 'string' ||
      !name ||
      typeof namespace !== 'string' ||
      !namespace
    ) {
      throw new Error('object needs metadata.name and metadata.namespace');
    }
    const previous = this.objects.get(key(plural, namespace, name));
    const copy = clone(input);
    this.resourceVersion += 1;
    const stored: KubeObject = {
      ...copy,
      apiVersion:
        typeof copy.apiVersion === 'string'
          ? copy.apiVersion
          : this.defaultApiVersion,
      kind: TEKTON_RESOURCES[plural].kind,
      metadata: {
        ...clone(meta),
        name,
        namespace,
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
    this.objects.set(key(plural, namespace, name), stored);
    this.emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      plural,
      resourceVersion: this.resourceVersion,
      object: clone(stored),
      previous: previous ? clone(previous) : undefined,
    });
    return clone(stored);
  }

  /** Deletes an object; the DELETED event carries a new resourceVersion. */
  remove(plural: TektonPlural, namespace: string, name: string) {
    const k = key(plural, namespace, name);
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
      plural,
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
