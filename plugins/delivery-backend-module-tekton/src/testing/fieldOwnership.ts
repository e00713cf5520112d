import { StatusError } from './http';
import {
  FieldPath,
  fieldPaths,
  fromFieldsV1,
  overlaps,
  printPath,
  toFieldsV1,
  valueAt,
} from './managedFields';
import { groupVersion } from './registry';
import { Target } from './target';
import { KubeObject, isRecord, sameJson } from './types';

/**
 * The manager the API server gives the fields of an object that had no
 * managedFields when it was first applied to.
 */
export const BEFORE_FIRST_APPLY = 'before-first-apply';

/** One entry of `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

interface Owner {
  entry: ManagedFieldsEntry;
  paths: FieldPath[];
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function subresourceOf(target: Target): string | undefined {
  return target.statusOnly ? 'status' : undefined;
}

function newEntry(
  manager: string,
  operation: ManagedFieldsEntry['operation'],
  target: Target,
): ManagedFieldsEntry {
  const subresource = subresourceOf(target);
  return {
    manager,
    operation,
    apiVersion: groupVersion(target.def),
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
}

/** The object's managedFields entries (none when it was never applied to). */
export function managedFieldsOf(obj: KubeObject): ManagedFieldsEntry[] {
  const raw = obj.metadata.managedFields;
  return Array.isArray(raw) ? (raw.filter(isRecord) as never[]) : [];
}

function owners(entries: ManagedFieldsEntry[]): Owner[] {
  return entries.map(entry => ({
    entry: { ...entry },
    paths: fromFieldsV1(entry.fieldsV1),
  }));
}

function isManager(
  owner: Owner,
  manager: string,
  operation: ManagedFieldsEntry['operation'],
  target: Target,
): boolean {
  const { entry } = owner;
  return (
    entry.manager === manager &&
    entry.operation === operation &&
    entry.subresource === subresourceOf(target)
  );
}

function entriesOf(list: Owner[]): ManagedFieldsEntry[] {
  return list
    .filter(o => o.paths.length > 0)
    .map(o => ({ ...o.entry, fieldsV1: toFieldsV1(o.paths) }));
}

/** How the API server names a manager in conflict messages. */
function printManager(entry: ManagedFieldsEntry): string {
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource "${entry.subresource}"`;
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion}`;
  return text;
}

/** 409 Conflict with the API server's message and FieldManagerConflict causes. */
function conflictError(conflicts: Array<{ owner: Owner; path: FieldPath }>) {
  const causes = conflicts.map(({ owner, path }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(owner.entry)}`,
    field: printPath(path),
  }));
  if (conflicts.length === 1) {
    const [{ message, field }] = causes;
    return new StatusError(
      409,
      `Apply failed with 1 conflict: ${message}: ${field}`,
      'Conflict',
      { causes },
    );
  }
  const byManager = new Map<string, string[]>();
  for (const { owner, path } of conflicts) {
    const name = printManager(owner.entry);
    byManager.set(name, [...(byManager.get(name) ?? []), printPath(path)]);
  }
  const lines = [...byManager.keys()]
    .sort()
    .flatMap(name => [
      `conflicts with ${name}:`,
      ...byManager.get(name)!.map(p => `- ${p}`),
    ]);
  return new StatusError(
    409,
    `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`,
    'Conflict',
    { causes },
  );
}

/**
 * The managedFields after `manager` applies `applied`, turning `existing`
 * into `next`. A field another manager owns whose value the apply changes is
 * a conflict: 409 without `force`, taken over with it. Fields with the same
 * value become shared. An object without managedFields has all its fields
 * owned by `before-first-apply` first, as the API server does.
 */
export function applyOwnership(options: {
  target: Target;
  existing: KubeObject;
  next: KubeObject;
  applied: Record<string, unknown>;
  manager: string;
  force: boolean;
}): ManagedFieldsEntry[] {
  const { target, existing, next, manager } = options;
  let entries = managedFieldsOf(existing);
  if (entries.length === 0) {
    const beforeFirstApply = newEntry(BEFORE_FIRST_APPLY, 'Update', target);
    beforeFirstApply.fieldsV1 = toFieldsV1(
      fieldPaths(existing, target.statusOnly),
    );
    entries = [beforeFirstApply];
  }
  const list = owners(entries);
  const conflicts = list
    .filter(
      o =>
        !isManager(o, manager, 'Apply', target) &&
        o.entry.subresource === subresourceOf(target),
    )
    .flatMap(owner =>
      owner.paths
        .filter(p => !sameJson(valueAt(existing, p), valueAt(next, p)))
        .map(path => ({ owner, path })),
    );
  if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);
  for (const { owner, path } of conflicts) {
    owner.paths = owner.paths.filter(p => p !== path);
  }
  const paths = fieldPaths(options.applied, target.statusOnly);
  const self = list.find(o => isManager(o, manager, 'Apply', target));
  if (self) {
    self.paths = paths;
    self.entry.time = now();
  } else {
    list.push({ entry: newEntry(manager, 'Apply', target), paths });
  }
  return entriesOf(list);
}

/**
 * The managedFields after an update (PUT, merge or JSON patch) by `manager`:
 * it owns every field it changed, which other managers lose. Objects without
 * managedFields stay without (only applied objects are tracked).
 */
export function updateOwnership(options: {
  target: Target;
  existing: KubeObject;
  next: KubeObject;
  manager: string;
}): ManagedFieldsEntry[] | undefined {
  const { target, existing, next, manager } = options;
  const entries = managedFieldsOf(existing);
  if (entries.length === 0) return undefined;
  const seen = new Set<string>();
  const changed = [
    ...fieldPaths(existing, target.statusOnly),
    ...fieldPaths(next, target.statusOnly),
  ].filter(p => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return !sameJson(valueAt(existing, p), valueAt(next, p));
  });
  if (changed.length === 0) return entries;
  const list = owners(entries);
  for (const owner of list) {
    if (owner.entry.subresource !== subresourceOf(target)) continue;
    owner.paths = owner.paths.filter(p => !changed.some(c => overlaps(c, p)));
  }
  const kept = changed.filter(p => valueAt(next, p) !== undefined);
  const self = list.find(o => isManager(o, manager, 'Update', target));
  if (self) {
    self.paths = [...self.paths, ...kept];
    self.entry.time = now();
  } else {
    list.push({ entry: newEntry(manager, 'Update', target), paths: kept });
  }
  return entriesOf(list);
}

/** Same owners and fields (times aside). */
export function sameOwnership(
  a: ManagedFieldsEntry[],
  b: ManagedFieldsEntry[],
): boolean {
  const strip = (list: ManagedFieldsEntry[]) =>
    list.map(({ time, ...rest }) => rest);
  return sameJson(strip(a), strip(b));
}

/** The managedFields of an object `manager` creates by applying `applied`. */
export function createOwnership(
  target: Target,
  applied: Record<string, unknown>,
  manager: string,
): ManagedFieldsEntry[] {
  const entry = newEntry(manager, 'Apply', target);
  entry.fieldsV1 = toFieldsV1(fieldPaths(applied, target.statusOnly));
  return [entry];
}
