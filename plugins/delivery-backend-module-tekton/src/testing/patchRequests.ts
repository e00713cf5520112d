import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  StatusError,
  mediaType,
  notFound,
  readBodyText,
  readJsonBody,
} from './http';
import { applyJsonPatch, applyMergePatch } from './patch';
import { groupVersion } from './registry';
import { Target, qualified } from './target';
import { KubeObject, clone, isRecord, sameJson } from './types';
import {
  WriteContext,
  commit,
  commitUpdate,
  createObject,
  nextVersion,
} from './writes';

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const APPLY = 'application/apply-patch+yaml';

/** The result of a PATCH: 201 when an apply created the object. */
export interface PatchResult {
  code: 200 | 201;
  object: KubeObject;
}

type Item = Target & { name: string };

function managedFieldsEntry(manager: string, target: Target) {
  return {
    manager,
    operation: 'Apply',
    apiVersion: groupVersion(target.def),
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(target.statusOnly ? { subresource: 'status' } : {}),
  };
}

/** Checks an apply body against the URL, like the API server does. */
async function readApplyBody(
  req: IncomingMessage,
  target: Item,
): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = parseYaml(await readBodyText(req));
  } catch (e) {
    throw new StatusError(400, `error decoding YAML: ${String(e)}`);
  }
  if (!isRecord(body)) throw new StatusError(400, 'the body must be an object');
  const expected = groupVersion(target.def);
  if (body.apiVersion !== expected) {
    throw new StatusError(
      400,
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== target.def.kind) {
    throw new StatusError(
      400,
      `the kind in the data (${body.kind}) does not match the expected kind (${target.def.kind})`,
    );
  }
  const meta = isRecord(body.metadata) ? clone(body.metadata) : {};
  if (meta.name !== undefined && meta.name !== target.name) {
    throw new StatusError(
      400,
      `the name of the object (${meta.name}) does not match the name on the URL (${target.name})`,
    );
  }
  delete meta.managedFields;
  return { ...body, metadata: { ...meta, name: target.name } };
}

/**
 * Server-side apply: creates the object when absent, otherwise merges the
 * applied configuration into it (maps merged, lists replaced; field
 * ownership conflicts are not modelled). A no-op apply keeps the
 * resourceVersion. `fieldManager` is required.
 */
async function apply(
  ctx: WriteContext,
  target: Item,
  req: IncomingMessage,
  query: Record<string, string>,
  existing: KubeObject | undefined,
): Promise<PatchResult> {
  const manager = query.fieldManager;
  if (!manager) {
    throw new StatusError(
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  }
  const body = await readApplyBody(req, target);
  const entry = managedFieldsEntry(manager, target);
  if (!existing) {
    if (target.statusOnly) throw notFound(qualified(target.def), target.name);
    const object = createObject(ctx, target, body, { managedFields: [entry] });
    return { code: 201, object };
  }
  const next = nextVersion(target, existing, applyMergePatch(existing, body));
  if (sameJson(next, existing)) return { code: 200, object: existing };
  const others = (existing.metadata.managedFields ?? []) as unknown[];
  next.metadata.managedFields = [
    ...others.filter(
      m => !isRecord(m) || m.manager !== manager || m.operation !== 'Apply',
    ),
    entry,
  ];
  return { code: 200, object: commit(ctx, target, existing, next) };
}

/** PATCH on an item: merge patch, JSON patch or server-side apply. */
export async function patchItem(
  ctx: WriteContext,
  target: Item,
  req: IncomingMessage,
  query: Record<string, string>,
  existing: KubeObject | undefined,
): Promise<PatchResult> {
  const type = mediaType(req);
  if (type === APPLY) return apply(ctx, target, req, query, existing);
  if (type !== MERGE && type !== JSON_PATCH) {
    req.resume();
    throw new StatusError(
      415,
      `the body of the request was in an unknown format - accepted media types include: ${JSON_PATCH}, ${MERGE}, ${APPLY}`,
    );
  }
  if (!existing) {
    req.resume();
    throw notFound(qualified(target.def), target.name);
  }
  const body = await readJsonBody(req);
  const updated =
    type === MERGE
      ? applyMergePatch(existing, body)
      : applyJsonPatch(existing, body);
  return {
    code: 200,
    object: commitUpdate(ctx, target, existing, updated),
  };
}
