import { isRecord } from './types';

/**
 * A field of an object: the keys from the root to a leaf. Maps are walked
 * into; lists and scalars are leaves (owned as a whole, like an atomic list).
 */
export type FieldPath = string[];

/** Metadata the API server sets itself; never owned by a field manager. */
const SYSTEM_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'deletionTimestamp',
  'selfLink',
]);

function walk(path: FieldPath, value: unknown, out: FieldPath[]): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) {
      walk([...path, key], child, out);
    }
  } else {
    out.push(path);
  }
}

/**
 * The fields an object (or an applied configuration) sets: everything but
 * apiVersion, kind and system metadata; for the status subresource only
 * `status`, otherwise everything but `status`.
 */
export function fieldPaths(obj: unknown, statusOnly: boolean): FieldPath[] {
  const out: FieldPath[] = [];
  if (!isRecord(obj)) return out;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'apiVersion' || key === 'kind') continue;
    if ((key === 'status') !== statusOnly) continue;
    if (key === 'metadata' && isRecord(value)) {
      for (const [metaKey, metaValue] of Object.entries(value)) {
        if (!SYSTEM_METADATA.has(metaKey)) {
          walk(['metadata', metaKey], metaValue, out);
        }
      }
    } else {
      walk([key], value, out);
    }
  }
  return out;
}

/** The value at a field, or undefined when the object does not set it. */
export function valueAt(obj: unknown, path: FieldPath): unknown {
  let node = obj;
  for (const key of path) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** `.spec.hard.pods`, as the API server prints field paths. */
export function printPath(path: FieldPath): string {
  return `.${path.join('.')}`;
}

/** Whether one field is the other or contains it. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((key, i) => key === b[i]);
}

/** The FieldsV1 form of a set of fields (`{"f:spec":{"f:replicas":{}}}`). */
export function toFieldsV1(paths: FieldPath[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const leaves = new Set<Record<string, unknown>>();
  for (const path of paths) {
    let node = root;
    for (const key of path) {
      const next = (node[`f:${key}`] ??= {}) as Record<string, unknown>;
      node = next;
    }
    leaves.add(node);
  }
  // a field owned as a whole that also has owned children is marked with '.'
  for (const node of leaves) {
    if (Object.keys(node).length > 0) node['.'] = {};
  }
  return root;
}

/** The fields of a FieldsV1 set. */
export function fromFieldsV1(fields: unknown): FieldPath[] {
  const out: FieldPath[] = [];
  const visit = (node: unknown, path: FieldPath) => {
    const record = isRecord(node) ? node : {};
    const children = Object.keys(record).filter(k => k.startsWith('f:'));
    if (path.length > 0 && (children.length === 0 || '.' in record)) {
      out.push(path);
    }
    for (const key of children) visit(record[key], [...path, key.slice(2)]);
  };
  visit(fields, []);
  return out;
}

/** Same fields, in any order. */
export function samePaths(a: FieldPath[], b: FieldPath[]): boolean {
  const key = (p: FieldPath) => JSON.stringify(p);
  const set = new Set(a.map(key));
  return a.length === b.length && b.every(p => set.has(key(p)));
}
