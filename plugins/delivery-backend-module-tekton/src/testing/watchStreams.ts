import type { IncomingMessage, ServerResponse } from 'node:http';
import { ObjectPredicate } from './selectors';
import { storageKey } from './registry';
import { ObjectStore, StoreEvent } from './store';
import { KubeObject, ResourceDefinition } from './types';

/** What one watch request selects. */
export interface WatchFilter {
  def: ResourceDefinition;
  namespace?: string;
  matches: ObjectPredicate;
  /** Renders a stored object for the requested API version. */
  render: (obj: KubeObject) => KubeObject;
}

export interface WatchParams {
  /** '' or '0' mean "current state, then changes". */
  resourceVersion: string;
  timeoutSeconds?: number;
}

type WatchLine = { type: string; object: unknown };

/**
 * Translates a store event for one watcher, the way the API server does for
 * filtered watches: a MODIFIED object that starts (stops) matching the label
 * selector is sent as ADDED (DELETED).
 */
export function toWatchEvent(
  event: StoreEvent,
  filter: WatchFilter,
): WatchLine | undefined {
  const { object, previous } = event;
  if (event.resource !== storageKey(filter.def)) return undefined;
  if (filter.namespace && object.metadata.namespace !== filter.namespace) {
    return undefined;
  }
  const now = filter.matches(object);
  const before = previous !== undefined && filter.matches(previous);
  let type: string | undefined = undefined;
  if (event.type !== 'MODIFIED') type = now ? event.type : undefined;
  else if (now) type = before ? 'MODIFIED' : 'ADDED';
  else if (before) type = 'DELETED';
  return type ? { type, object: filter.render(object) } : undefined;
}

export function expiredEvent(requested: number, oldest: number): WatchLine {
  return {
    type: 'ERROR',
    object: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${requested} (${oldest})`,
      reason: 'Expired',
      code: 410,
    },
  };
}

/** One open watch response: a subscription to the store plus a timer. */
class OpenWatch {
  private unsubscribe: () => void = () => undefined;
  private timer: NodeJS.Timeout | undefined = undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly onClosed: (watch: OpenWatch) => void,
  ) {
    res.on('close', () => this.cleanup());
  }

  send(line: WatchLine | undefined): void {
    if (line && !this.res.writableEnded) {
      this.res.write(`${JSON.stringify(line)}\n`);
    }
  }

  /** Forwards store events and ends the stream after `timeoutSeconds`. */
  follow(store: ObjectStore, filter: WatchFilter, timeoutSeconds?: number) {
    this.unsubscribe = store.subscribe(event =>
      this.send(toWatchEvent(event, filter)),
    );
    if (timeoutSeconds && timeoutSeconds > 0) {
      this.timer = setTimeout(() => this.end(), timeoutSeconds * 1000);
    }
  }

  /** Destroys the connection mid-stream. */
  drop(): void {
    this.cleanup();
    this.req.socket.destroy();
  }

  /** Ends the stream cleanly (like a server-side watch timeout). */
  end(): void {
    this.cleanup();
    this.res.end();
  }

  private cleanup(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.onClosed(this);
  }
}

/** Serves watch streams and keeps track of the open ones. */
export class WatchRegistry {
  private readonly open = new Set<OpenWatch>();

  count(): number {
    return this.open.size;
  }

  dropAll(): void {
    for (const watch of [...this.open]) watch.drop();
  }

  endAll(): void {
    for (const watch of [...this.open]) watch.end();
  }

  /** Throws (before writing anything) when the resourceVersion is malformed. */
  serve(
    req: IncomingMessage,
    res: ServerResponse,
    store: ObjectStore,
    filter: WatchFilter,
    params: WatchParams,
  ): void {
    const fromSnapshot =
      params.resourceVersion === '' || params.resourceVersion === '0';
    const since = Number(params.resourceVersion);
    if (!fromSnapshot && !/^\d+$/.test(params.resourceVersion)) {
      throw new Error(`invalid resourceVersion: ${params.resourceVersion}`);
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    const watch = new OpenWatch(req, res, w => this.open.delete(w));

    const replay = fromSnapshot ? [] : store.eventsSince(since);
    if (replay === undefined) {
      watch.send(expiredEvent(since, store.compactionPoint()));
      watch.end();
      return;
    }
    if (fromSnapshot) {
      store
        .list(filter.def, filter.namespace)
        .filter(filter.matches)
        .forEach(obj =>
          watch.send({ type: 'ADDED', object: filter.render(obj) }),
        );
    }
    replay.forEach(event => watch.send(toWatchEvent(event, filter)));
    watch.follow(store, filter, params.timeoutSeconds);
    this.open.add(watch);
  }
}
