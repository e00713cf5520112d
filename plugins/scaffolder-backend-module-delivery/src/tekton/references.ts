/**
 * Finds Tekton variable references (`$(params.x)`, `$(workspaces.x.path)`, `$(results.x.path)`,
 * `$(tasks.t.results.r)`) in any value, skipping the keys it is told to skip.
 */
const REFERENCE =
  /\$\((params|workspaces|results)\.([A-Za-z0-9_-]+)|\$\(tasks\.([A-Za-z0-9_-]+)\.results\.([A-Za-z0-9_.-]+)\)/g;

/** One reference: its kind and the name it refers to (`task/result` for task results). */
export interface Reference {
  kind: 'params' | 'workspaces' | 'results' | 'tasks';
  name: string;
}

/** Collects the references in `value`, not descending into object keys listed in `skip`. */
export function collectReferences(
  value: unknown,
  skip: string[] = [],
  found: Reference[] = [],
): Reference[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REFERENCE)) {
      if (m[1]) {
        found.push({ kind: m[1] as Reference['kind'], name: m[2] });
      } else {
        found.push({ kind: 'tasks', name: `${m[3]}/${m[4]}` });
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach(v => collectReferences(v, skip, found));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!skip.includes(key)) collectReferences(v, skip, found);
    }
  }
  return found;
}
