import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  applyOwnership,
  createOwnership,
  managedFieldsOf,
  sameOwnership,
} from './fieldOwnership';
import {
  StatusError,
  dryRunOf,
  mediaType,
  notFound,
  readBodyText,
  readJsonBody,
  refuseDryRun,
  requestManager,
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

function withoutManagedFields(obj: KubeObject): KubeObject {
  const { managedFields, ...metadata } = obj.metadata;
  return { ...obj, metadata: metadata as KubeObject['metadata'] };
}

/**
 * Server-side apply: creates the object when absent, otherwise merges the
 * applied configuration into it (maps merged, lists replaced; fields the
 * manager no longer applies are kept). Field ownership is tracked in
 * `managedFields`: a changed value of a field another manager owns is a 409
 * Conflict naming the managers and fields, unless `force=true`, which takes
 * the fields over. A no-op apply keeps the resourceVersion; `dryRun=All`
 * answers the result without storing it. `fieldManager` is required.
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
  const dryRun = dryRunOf(query);
  const body = await readApplyBody(req, target);
  if (!existing) {
    if (target.statusOnly) throw notFound(qualified(target.def), target.name);
    const managedFields = createOwnership(target, body, manager);
    const object = createObject(ctx, target, body, { managedFields }, dryRun);
    return { code: 201, object };
  }
  const next = nextVersion(target, existing, applyMergePatch(existing, body));
  const managedFields = applyOwnership({
    target,
    existing,
    next,
    applied: body,
    manager,
    force: query.force === 'true',
  });
  if (
    sameJson(withoutManagedFields(next), withoutManagedFields(existing)) &&
    sameOwnership(managedFields, managedFieldsOf(existing))
  ) {
    return { code: 200, object: existing };
  }
  next.metadata.managedFields = managedFields;
  if (dryRun) return { code: 200, object: next };
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
  refuseDryRun(req, query);
  const body = await readJsonBody(req);
  const updated =
    type === MERGE
      ? applyMergePatch(existing, body)
      : applyJsonPatch(existing, body);
  return {
    code: 200,
    object: commitUpdate(
      ctx,
      target,
      existing,
      updated,
      requestManager(req, query),
    ),
  };
}
