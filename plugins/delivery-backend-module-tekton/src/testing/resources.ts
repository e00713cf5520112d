import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiResourceList } from './discovery';
import { StatusError, notFound, readJsonBody, sendJson } from './http';
import {
  ObjectPredicate,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import { ObjectStore } from './store';
import { Target, parseTarget, qualified, render } from './target';
import {
  KubeObject,
  TEKTON_GROUP,
  TEKTON_RESOURCES,
  TektonVersion,
  isRecord,
} from './types';
import { WatchRegistry } from './watchStreams';
import { commitUpdate, create, patch } from './writes';

export interface ResourceContext {
  store: ObjectStore;
  watches: WatchRegistry;
  servedVersions: TektonVersion[];
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
        plural: target.plural,
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
    apiVersion: `${TEKTON_GROUP}/${target.version}`,
    kind: `${TEKTON_RESOURCES[target.plural].kind}List`,
    metadata: { resourceVersion: String(ctx.store.currentResourceVersion()) },
    items: ctx.store
      .list(target.plural, target.namespace)
      .filter(matches)
      .map(obj => render(obj, target)),
  });
}

async function item(
  ctx: ResourceContext,
  target: Target & { namespace: string; name: string },
  req: IncomingMessage,
): Promise<KubeObject> {
  const { plural, namespace, name } = target;
  const existing = ctx.store.get(plural, namespace, name);
  if (!existing) throw notFound(qualified(plural), name);
  switch (req.method) {
    case 'GET':
      return existing;
    case 'PATCH':
      return commitUpdate(
        ctx.store,
        target,
        existing,
        await patch(req, existing),
      );
    case 'PUT': {
      const body = await readJsonBody(req);
      if (
        isRecord(body) &&
        isRecord(body.metadata) &&
        body.metadata.name !== name
      ) {
        throw new StatusError(
          400,
          'the name of the object does not match the name on the URL',
        );
      }
      return commitUpdate(ctx.store, target, existing, body);
    }
    case 'DELETE':
      if (target.statusOnly) break;
      return ctx.store.remove(plural, namespace, name) ?? existing;
    default:
  }
  throw new StatusError(405, NOT_ALLOWED);
}

/** Serves everything under /apis/tekton.dev/{version}. */
export async function serveTekton(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  query: Record<string, string>,
): Promise<void> {
  const [rawVersion, ...rest] = segments;
  const version = ctx.servedVersions.find(v => v === rawVersion);
  if (!version) throw new StatusError(404, NOT_FOUND);
  if (rest.length === 0) {
    if (req.method !== 'GET') throw new StatusError(405, NOT_ALLOWED);
    sendJson(res, 200, apiResourceList(version));
    return;
  }
  const target = parseTarget(version, rest);
  if (!target) throw new StatusError(404, NOT_FOUND);
  const { namespace, name } = target;
  if (namespace !== undefined && name !== undefined) {
    const obj = await item(ctx, { ...target, namespace, name }, req);
    sendJson(res, 200, render(obj, target));
  } else if (req.method === 'GET') {
    listOrWatch(ctx, target, req, res, query);
  } else if (req.method === 'POST' && namespace !== undefined) {
    sendJson(res, 201, render(await create(ctx.store, target, req), target));
  } else {
    throw new StatusError(405, NOT_ALLOWED);
  }
}
