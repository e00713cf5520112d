import { randomUUID } from 'node:crypto';
import { updateOwnership } from './fieldOwnership';
import { StatusError, notFound } from './http';
import { ResourceRegistry, groupVersion } from './registry';
import { ObjectStore } from './store';
import { Target, qualified } from './target';
import { DraftObject, KubeObject, clone, isRecord, sameJson } from './types';

/** What the write paths need from the server. */
export interface WriteContext {
  store: ObjectStore;
  registry: ResourceRegistry;
}

/** Returns `obj` with `status` set from `source` (or removed). */
function withStatusOf(obj: KubeObject, source: KubeObject): KubeObject {
  const result: KubeObject = { ...obj };
  if (source.status === undefined) delete result.status;
  else result.status = clone(source.status);
  return result;
}

function randomSuffix(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from(
    { length: 5 },
    () => letters[Math.floor(Math.random() * 26)],
  ).join('');
}

/** Everything except metadata and status: a change here bumps generation. */
function specPart(obj: KubeObject): Record<string, unknown> {
  const { metadata, status, ...rest } = obj;
  return rest;
}

function normalized<T extends DraftObject>(target: Target, obj: T): T {
  // normalize keeps the identity fields it was given
  return (target.def.normalize?.(obj) ?? obj) as T;
}

/** Like the NamespaceLifecycle admission: no creates in a missing namespace. */
function checkNamespaceExists(ctx: WriteContext, namespace: string): void {
  if (!ctx.registry.checksNamespaces()) return;
  const namespaces = ctx.registry.resolve('namespaces');
  if (!ctx.store.get(namespaces, undefined, namespace)) {
    throw notFound('namespaces', namespace);
  }
}

/**
 * Creates an object from a request body (POST, or a server-side apply of an
 * absent object). 409 AlreadyExists when the name is taken. A dry run checks
 * the same and answers the object without storing it.
 */
export function createObject(
  ctx: WriteContext,
  target: Target,
  body: unknown,
  extraMeta: Record<string, unknown> = {},
  dryRun = false,
): KubeObject {
  if (!isRecord(body)) throw new StatusError(400, 'the body must be an object');
  const { def } = target;
  const namespace = def.namespaced ? target.namespace ?? '' : undefined;
  const meta: Record<string, unknown> = isRecord(body.metadata)
    ? clone(body.metadata)
    : {};
  if (def.namespaced && meta.namespace !== undefined) {
    if (meta.namespace !== namespace) {
      throw new StatusError(
        400,
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
  }
  delete meta.namespace;
  let name = typeof meta.name === 'string' ? meta.name : '';
  if (!name && typeof meta.generateName === 'string' && meta.generateName) {
    do {
      name = `${meta.generateName}${randomSuffix()}`;
    } while (ctx.store.get(def, namespace, name));
  }
  if (!name) {
    throw new StatusError(
      422,
      'metadata.name: Required value: name or generateName is required',
    );
  }
  if (namespace !== undefined) checkNamespaceExists(ctx, namespace);
  if (ctx.store.get(def, namespace, name)) {
    throw new StatusError(
      409,
      `${qualified(def)} "${name}" already exists`,
      'AlreadyExists',
    );
  }
  delete meta.uid;
  delete meta.creationTimestamp;
  delete meta.resourceVersion;
  const rest = clone(body);
  delete rest.status; // status is a subresource: ignored on create
  const candidate: DraftObject = {
    ...rest,
    apiVersion: groupVersion(def),
    kind: def.kind,
    metadata: {
      ...meta,
      ...extraMeta,
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      generation: 1,
    },
  };
  const object = normalized(target, candidate);
  if (!dryRun) return ctx.store.put(def, object);
  return {
    ...object,
    apiVersion: groupVersion(def),
    kind: def.kind,
    metadata: {
      ...object.metadata,
      name,
      uid: randomUUID(),
      creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      resourceVersion: '',
    },
  };
}

/**
 * The object an update would store, like the API server does for a type with
 * a status subresource: 409 on a stale metadata.resourceVersion, identity
 * fields kept, status only through /status, generation bumped when anything
 * outside metadata and status changes.
 */
export function nextVersion(
  target: Target,
  existing: KubeObject,
  updated: unknown,
): KubeObject {
  if (
    !isRecord(updated) ||
    (updated.metadata !== undefined && !isRecord(updated.metadata))
  ) {
    throw new StatusError(
      422,
      'the updated object must be an object with object metadata',
    );
  }
  const meta = isRecord(updated.metadata) ? updated.metadata : {};
  if (
    meta.resourceVersion !== undefined &&
    meta.resourceVersion !== existing.metadata.resourceVersion
  ) {
    throw new StatusError(
      409,
      `Operation cannot be fulfilled on ${qualified(target.def)} "${
        existing.metadata.name
      }": the object has been modified; please apply your changes to the latest version and try again`,
    );
  }
  const candidate: KubeObject = {
    ...updated,
    apiVersion: existing.apiVersion,
    kind: existing.kind,
    metadata: existing.metadata,
  };
  if (target.statusOnly) return withStatusOf(existing, candidate);
  const { name, namespace, uid, creationTimestamp, resourceVersion } =
    existing.metadata;
  const next = normalized(
    target,
    withStatusOf(
      {
        ...candidate,
        metadata: {
          ...meta,
          name,
          ...(namespace !== undefined ? { namespace } : {}),
          uid,
          creationTimestamp,
          resourceVersion,
          generation: existing.metadata.generation,
        },
      },
      existing,
    ),
  );
  if (next.metadata.generation === undefined) delete next.metadata.generation;
  if (!sameJson(specPart(next), specPart(existing))) {
    const generation = Number(existing.metadata.generation ?? 0);
    next.metadata.generation = generation + 1;
  }
  return next;
}

/** Stores `next` unless it equals `existing` (a no-op keeps the resourceVersion). */
export function commit(
  ctx: WriteContext,
  target: Target,
  existing: KubeObject,
  next: KubeObject,
): KubeObject {
  if (sameJson(next, existing)) return existing;
  return ctx.store.put(target.def, next);
}

/**
 * An update (PUT or a merge/JSON patch result) by `manager`, who then owns
 * the fields it changed (on objects that have managedFields).
 */
export function commitUpdate(
  ctx: WriteContext,
  target: Target,
  existing: KubeObject,
  updated: unknown,
  manager = 'unknown',
): KubeObject {
  const next = nextVersion(target, existing, updated);
  const managedFields = updateOwnership({ target, existing, next, manager });
  if (managedFields) next.metadata.managedFields = managedFields;
  return commit(ctx, target, existing, next);
}
