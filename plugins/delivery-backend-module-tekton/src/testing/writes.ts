import type { IncomingMessage } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { StatusError, mediaType, readJsonBody } from './http';
import { applyJsonPatch, applyMergePatch } from './patch';
import { ObjectStore } from './store';
import { Target, qualified } from './target';
import { KubeObject, TEKTON_GROUP, clone, isRecord } from './types';

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

export async function create(
  store: ObjectStore,
  target: Target,
  req: IncomingMessage,
) {
  const body = await readJsonBody(req);
  if (!isRecord(body)) throw new StatusError(400, 'the body must be an object');
  const namespace = target.namespace ?? '';
  const meta: Record<string, unknown> = isRecord(body.metadata)
    ? clone(body.metadata)
    : {};
  if (meta.namespace !== undefined && meta.namespace !== namespace) {
    throw new StatusError(
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  let name = typeof meta.name === 'string' ? meta.name : '';
  if (!name && typeof meta.generateName === 'string' && meta.generateName) {
    do {
      name = `${meta.generateName}${randomSuffix()}`;
    } while (store.get(target.plural, namespace, name));
  }
  if (!name) {
    throw new StatusError(
      422,
      'metadata.name: Required value: name or generateName is required',
    );
  }
  if (store.get(target.plural, namespace, name)) {
    throw new StatusError(
      409,
      `${qualified(target.plural)} "${name}" already exists`,
      'AlreadyExists',
    );
  }
  delete meta.uid;
  delete meta.creationTimestamp;
  delete meta.resourceVersion;
  const rest = clone(body);
  delete rest.status; // status is a subresource: ignored on create
  return store.put(target.plural, {
    ...rest,
    apiVersion: `${TEKTON_GROUP}/${target.version}`,
    metadata: { ...meta, name, namespace },
  });
}

/** Applies an update like the API server does for a CRD with a status subresource. */
export function commitUpdate(
  store: ObjectStore,
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
      `Operation cannot be fulfilled on ${qualified(target.plural)} "${
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
  const next: KubeObject = target.statusOnly
    ? withStatusOf(existing, candidate)
    : withStatusOf(
        {
          ...candidate,
          metadata: {
            ...meta,
            name: existing.metadata.name,
            namespace: existing.metadata.namespace,
            uid: existing.metadata.uid,
            creationTimestamp: existing.metadata.creationTimestamp,
            resourceVersion: existing.metadata.resourceVersion,
          },
        },
        existing,
      );
  if (isDeepStrictEqual(next, existing)) return existing;
  return store.put(target.plural, next);
}

export async function patch(
  req: IncomingMessage,
  existing: KubeObject,
): Promise<unknown> {
  const type = mediaType(req);
  if (
    type !== 'application/merge-patch+json' &&
    type !== 'application/json-patch+json'
  ) {
    throw new StatusError(
      415,
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json`,
    );
  }
  const body = await readJsonBody(req);
  return type === 'application/merge-patch+json'
    ? applyMergePatch(existing, body)
    : applyJsonPatch(existing, body);
}
