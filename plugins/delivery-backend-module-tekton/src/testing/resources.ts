import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiResourceList } from './discovery';
import {
  StatusError,
  notFound,
  readJsonBody,
  refuseDryRun,
  requestManager,
  sendJson,
} from './http';
import { patchItem } from './patchRequests';
import { groupVersion } from './registry';
import {
  ObjectPredicate,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import { Target, parseTarget, qualified, render } from './target';
import { KubeObject, isRecord } from './types';
import { WatchRegistry } from './watchStreams';
import { WriteContext, commitUpdate, createObject } from './writes';

export interface ResourceContext extends WriteContext {
  watches: WatchRegistry;
}

const NOT_FOUND = 'the server could not find the requested resource';
const NOT_ALLOWED =
  'the server does not allow this method on the requested resource';

function selector(parse: (s?: string) => ObjectPredicate, value?: string) {
  try {
    return parse(value);
  } catch (e) {
    throw new StatusError(400, e instanceof Error ? e.message : String(e));
  }
}

function listOrWatch(
  ctx: ResourceContext,
  target: Target,
  req: IncomingMessage,
  res: ServerResponse,
  query: Record<string, string>,
): void {
  const labels = selector(parseLabelSelector, query.labelSelector);
  const fields = selector(parseFieldSelector, query.fieldSelector);
  const matches = (obj: KubeObject) => labels(obj) && fields(obj);
  if (query.watch === 'true' || query.watch === '1') {
    const resourceVersion = query.resourceVersion ?? '';
    if (!/^\d*$/.test(resourceVersion)) {
      throw new StatusError(
        400,
        `invalid resource version: ${resourceVersion}`,
      );
    }
    const timeout = Number(query.timeoutSeconds);
    ctx.watches.serve(
      req,
      res,
      ctx.store,
      {
        def: target.def,
        namespace: target.namespace,
        matches,
        render: obj => render(obj, target),
      },
      {
        resourceVersion,
        timeoutSeconds: Number.isFinite(timeout) ? timeout : undefined,
      },
    );
    return;
  }
  sendJson(res, 200, {
    apiVersion: groupVersion(target.def),
    kind: `${target.def.kind}List`,
    metadata: { resourceVersion: String(ctx.store.currentResourceVersion()) },
    items: ctx.store
      .list(target.def, target.namespace)
      .filter(matches)
      .map(obj => render(obj, target)),
  });
}

async function replace(
  ctx: ResourceContext,
  target: Target & { name: string },
  existing: KubeObject,
  req: IncomingMessage,
  query: Record<string, string>,
): Promise<KubeObject> {
  refuseDryRun(req, query);
  const body = await readJsonBody(req);
  if (
    isRecord(body) &&
    isRecord(body.metadata) &&
    body.metadata.name !== target.name
  ) {
    throw new StatusError(
      400,
      'the name of the object does not match the name on the URL',
    );
  }
  return commitUpdate(ctx, target, existing, body, requestManager(req, query));
}

/** GET, PATCH, PUT and DELETE on one object; answers status code and object. */
async function item(
  ctx: ResourceContext,
  target: Target & { name: string },
  req: IncomingMessage,
  query: Record<string, string>,
): Promise<[number, KubeObject]> {
  const { def, namespace, name } = target;
  const existing = ctx.store.get(def, namespace, name);
  if (req.method === 'PATCH') {
    const { code, object } = await patchItem(ctx, target, req, query, existing);
    return [code, object];
  }
  if (!existing) throw notFound(qualified(def), name);
  switch (req.method) {
    case 'GET':
      return [200, existing];
    case 'PUT':
      return [200, await replace(ctx, target, existing, req, query)];
    case 'DELETE':
      if (target.statusOnly) break;
      refuseDryRun(req, query);
      return [200, ctx.store.remove(def, namespace, name) ?? existing];
    default:
  }
  throw new StatusError(405, NOT_ALLOWED);
}

/**
 * Serves everything under /api/v1 (group '') or /apis/{group}/{version}:
 * `segments` are the parts after the group version.
 */
export async function serveResources(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  group: string,
  version: string,
  segments: string[],
  query: Record<string, string>,
): Promise<void> {
  const served = ctx.registry.inGroupVersion(group, version).length > 0;
  if (!served && (group !== '' || version !== 'v1')) {
    throw new StatusError(404, NOT_FOUND);
  }
  if (segments.length === 0) {
    if (req.method !== 'GET') throw new StatusError(405, NOT_ALLOWED);
    sendJson(res, 200, apiResourceList(ctx.registry, group, version));
    return;
  }
  const target = parseTarget(ctx.registry, group, version, segments);
  if (!target) throw new StatusError(404, NOT_FOUND);
  const { name } = target;
  if (name !== undefined) {
    const [code, obj] = await item(ctx, { ...target, name }, req, query);
    sendJson(res, code, render(obj, target));
  } else if (req.method === 'GET') {
    listOrWatch(ctx, target, req, res, query);
  } else if (
    req.method === 'POST' &&
    (target.namespace !== undefined || !target.def.namespaced)
  ) {
    refuseDryRun(req, query);
    const created = createObject(ctx, target, await readJsonBody(req));
    sendJson(res, 201, render(created, target));
  } else {
    throw new StatusError(405, NOT_ALLOWED);
  }
}
