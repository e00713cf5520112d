import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  apiGroup,
  apiGroupList,
  coreApiVersions,
  versionInfo,
} from './discovery';
import { StatusError, sendJson, sendStatus, sendText } from './http';
import { PodLogStore } from './podLogs';
import { ResourceContext, serveResources } from './resources';

export interface RouteContext extends ResourceContext {
  podLogs: PodLogStore;
}

const NOT_FOUND = 'the server could not find the requested resource';
const NOT_ALLOWED =
  'the server does not allow this method on the requested resource';

function get(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  if (req.method !== 'GET') {
    throw new StatusError(405, NOT_ALLOWED);
  }
  sendJson(res, 200, body);
}

async function dispatch(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  query: Record<string, string>,
): Promise<void> {
  const [root, ...rest] = segments;
  const path = rest.join('/');
  if (root === 'version' && rest.length === 0) {
    get(req, res, versionInfo());
  } else if (root === 'api' && rest.length === 0) {
    get(req, res, coreApiVersions());
  } else if (
    root === 'api' &&
    /^v1\/namespaces\/[^/]+\/pods\/[^/]+\/log$/.test(path)
  ) {
    if (req.method !== 'GET') throw new StatusError(405, NOT_ALLOWED);
    // follow=true is served the same way: the current text, then the end.
    sendText(res, ctx.podLogs.read(rest[2], rest[4], query));
  } else if (root === 'api' && rest[0] === 'v1') {
    await serveResources(ctx, req, res, '', 'v1', rest.slice(1), query);
  } else if (root === 'apis' && rest.length === 0) {
    get(req, res, apiGroupList(ctx.registry));
  } else if (root === 'apis' && rest.length === 1) {
    const group = ctx.registry.groups().find(g => g.name === rest[0]);
    if (!group) throw new StatusError(404, NOT_FOUND);
    get(req, res, apiGroup(group));
  } else if (root === 'apis') {
    const [group, version, ...resourcePath] = rest;
    await serveResources(ctx, req, res, group, version, resourcePath, query);
  } else {
    throw new StatusError(404, NOT_FOUND);
  }
}

/**
 * Routes one authenticated request. Failures become Kubernetes `Status`
 * responses (500 InternalError for anything unexpected).
 */
export async function route(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  query: Record<string, string>,
): Promise<void> {
  try {
    const segments = url.pathname
      .split('/')
      .filter(s => s.length > 0)
      .map(s => decodeURIComponent(s));
    await dispatch(ctx, req, res, segments, query);
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
    } else if (e instanceof StatusError) {
      sendStatus(res, e.code, e.message, e.reason, e.details);
    } else {
      sendStatus(res, 500, e instanceof Error ? e.message : String(e));
    }
  }
}
