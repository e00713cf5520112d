import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { sendStatus } from './http';
import { PodLogStore } from './podLogs';
import { ResourceRegistry, tektonRunDefinitions } from './registry';
import { RouteContext, route } from './routes';
import { ObjectStore } from './store';
import {
  KubeObject,
  RecordedRequest,
  ResourceDefinition,
  TektonVersion,
} from './types';
import { RequestTracker } from './requestTracker';
import { WatchRegistry } from './watchStreams';

export interface FakeKubeApiServerOptions {
  /** Served tekton.dev versions, preferred first. Default ['v1', 'v1beta1']. */
  servedVersions?: TektonVersion[];
  /** Bearer token every request must carry. Default 'test-token'. */
  token?: string;
  /**
   * Further accepted bearer tokens, each naming its user (e.g. a second
   * ServiceAccount); requests made with one record that user as `user`.
   */
  users?: Record<string, string>;
  /**
   * Further resource types to serve besides the Tekton runs, e.g. from
   * `kubeResources`. Creating a namespaced object through the API checks that
   * its namespace exists when `namespaces` is among them.
   */
  resources?: ResourceDefinition[];
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A local HTTP server speaking enough of the Kubernetes API for tests against
 * the real `@kubernetes/client-node`: Tekton PipelineRuns, TaskRuns and
 * CustomRuns plus any registered resource type (discovery, list, watch, get,
 * create, merge/JSON patch, server-side apply, update, delete) and pod logs.
 * Listens on 127.0.0.1 on a random port.
 *
 * Test-side methods (`put`, `get`, `list`, `remove`) name a type by its
 * plural ('deployments') or, when ambiguous, 'plural.group'.
 */
export class FakeKubeApiServer {
  readonly token: string;
  /** The further tokens and their users (see `FakeKubeApiServerOptions.users`). */
  readonly users: Readonly<Record<string, string>>;
  /** Every request received, in order (including failed and unauthorised ones). */
  readonly requests: RecordedRequest[] = [];

  private readonly store = new ObjectStore();
  private readonly registry: ResourceRegistry;
  private readonly watches = new WatchRegistry();
  private readonly podLogs = new PodLogStore();
  private readonly context: RouteContext;
  private server: Server | undefined;
  private port = 0;
  private failures: { remaining: number; status: number; match?: RegExp } = {
    remaining: 0,
    status: 500,
  };
  private trackers: RequestTracker[] = [];

  private constructor(options: FakeKubeApiServerOptions) {
    const servedVersions = options.servedVersions ?? ['v1', 'v1beta1'];
    if (servedVersions.length === 0) {
      throw new Error('FakeKubeApiServer needs at least one served version');
    }
    this.token = options.token ?? 'test-token';
    this.users = { ...options.users };
    this.registry = new ResourceRegistry([
      ...tektonRunDefinitions(servedVersions),
      ...(options.resources ?? []),
    ]);
    this.context = {
      store: this.store,
      registry: this.registry,
      watches: this.watches,
      podLogs: this.podLogs,
    };
  }

  static async start(
    options: FakeKubeApiServerOptions = {},
  ): Promise<FakeKubeApiServer> {
    const server = new FakeKubeApiServer(options);
    await server.listen();
    return server;
  }

  /** http://127.0.0.1:<port> (the port stays the same across stop/restart). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A KubeConfig for the real client-node pointing at this server. */
  kubeConfig(token: string = this.token): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'u', token }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'u' }],
      currentContext: 'fake',
    });
    return kc;
  }

  /**
   * Creates or replaces an object (needs metadata.name, and metadata.namespace
   * for namespaced types; assigns uid and creationTimestamp if missing, always
   * a new resourceVersion). Emits ADDED or MODIFIED. Returns the stored copy.
   */
  put(resource: string, obj: object): KubeObject {
    return this.store.put(this.registry.resolve(resource), obj);
  }

  /**
   * Deletes an object and emits DELETED; throws when there is no such object.
   * `namespace` is ignored for cluster-scoped types.
   */
  remove(resource: string, namespace: string | undefined, name: string): void {
    if (!this.store.remove(this.registry.resolve(resource), namespace, name)) {
      throw new Error(`no ${resource} ${namespace ?? ''}/${name} to remove`);
    }
  }

  /** One object; `namespace` is ignored for cluster-scoped types. */
  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.store.get(this.registry.resolve(resource), namespace, name);
  }

  /** Objects of one type, optionally in one namespace, by namespace/name. */
  list(resource: string, namespace?: string): KubeObject[] {
    return this.store.list(this.registry.resolve(resource), namespace);
  }

  /** The recorded POST, PUT, PATCH and DELETE requests, in order. */
  writeRequests(): RecordedRequest[] {
    return this.requests.filter(r => WRITE_METHODS.includes(r.method));
  }

  /** The current (latest) resourceVersion of the whole store. */
  resourceVersion(): string {
    return String(this.store.currentResourceVersion());
  }

  setPodLog(
    namespace: string,
    pod: string,
    container: string,
    text: string,
  ): void {
    this.podLogs.set(namespace, pod, container, text);
  }

  /**
   * From now on, non-watch GETs whose path matches `pattern` answer `delayMs` late; the
   * tracker counts them and the most that were in flight at once.
   */
  trackRequests(pattern: RegExp, delayMs = 0): RequestTracker {
    const tracker = new RequestTracker(pattern, delayMs);
    this.trackers.push(tracker);
    return tracker;
  }

  /**
   * The next `count` requests answer a Status with `status`: on any route, or only those
   * whose method and path (e.g. `PATCH /apis/tekton.dev/v1/…`) match `match`.
   */
  failNextRequests(count: number, status = 500, match?: RegExp): void {
    this.failures = { remaining: count, status, match };
  }

  /** Destroys every open watch connection mid-stream. */
  dropWatches(): void {
    this.watches.dropAll();
  }

  /** Ends every open watch stream cleanly, like an API server watch timeout. */
  endWatches(): void {
    this.watches.endAll();
  }

  /** Forgets the history: watches from an older resourceVersion get 410 Expired. */
  compact(): void {
    this.store.compact();
  }

  openWatchCount(): number {
    return this.watches.count();
  }

  /** Stops listening and drops every connection; the state is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.watches.dropAll();
    await new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const contentType = req.headers['content-type'];
    const user = req.headers['impersonate-user'];
    const groups = req.headers['impersonate-group'];
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      ...(contentType ? { contentType } : {}),
      ...(user || groups
        ? {
            impersonate: {
              user: Array.isArray(user) ? user[0] : user,
              groups: groups ? String(groups).split(', ') : [],
            },
          }
        : {}),
    });
    if (
      this.failures.remaining > 0 &&
      (!this.failures.match ||
        this.failures.match.test(`${req.method} ${url.pathname}`))
    ) {
      this.failures.remaining -= 1;
      req.resume();
      sendStatus(
        res,
        this.failures.status,
        'injected failure (FakeKubeApiServer)',
      );
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const extraUser =
      bearer !== undefined && Object.hasOwn(this.users, bearer)
        ? this.users[bearer]
        : undefined;
    if (bearer !== this.token && extraUser === undefined) {
      req.resume();
      sendStatus(res, 401, 'Unauthorized');
      return;
    }
    if (extraUser !== undefined)
      this.requests[this.requests.length - 1].user = extraUser;
    const tracker = this.trackers.find(t =>
      t.matches(req, url.pathname, query),
    );
    if (tracker) {
      tracker.hold(res, () => void route(this.context, req, res, url, query));
      return;
    }
    void route(this.context, req, res, url, query);
  }
}
