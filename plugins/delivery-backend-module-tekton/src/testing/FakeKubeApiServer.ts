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
import { RouteContext, route } from './routes';
import { ObjectStore } from './store';
import {
  KubeObject,
  RecordedRequest,
  TEKTON_GROUP,
  TektonPlural,
  TektonVersion,
} from './types';
import { WatchRegistry } from './watchStreams';

export interface FakeKubeApiServerOptions {
  /** Served tekton.dev versions, preferred first. Default ['v1', 'v1beta1']. */
  servedVersions?: TektonVersion[];
  /** Bearer token every request must carry. Default 'test-token'. */
  token?: string;
}

/**
 * A local HTTP server speaking enough of the Kubernetes API for Tekton
 * PipelineRuns, TaskRuns and CustomRuns (discovery, list, watch, get, create,
 * patch, delete) and pod logs, for tests against the real
 * `@kubernetes/client-node`. Listens on 127.0.0.1 on a random port.
 */
export class FakeKubeApiServer {
  readonly token: string;
  /** Every request received, in order (including failed and unauthorised ones). */
  readonly requests: RecordedRequest[] = [];

  private readonly store: ObjectStore;
  private readonly watches = new WatchRegistry();
  private readonly podLogs = new PodLogStore();
  private readonly context: RouteContext;
  private server: Server | undefined;
  private port = 0;
  private failures = { remaining: 0, status: 500 };

  private constructor(servedVersions: TektonVersion[], token: string) {
    if (servedVersions.length === 0) {
      throw new Error('FakeKubeApiServer needs at least one served version');
    }
    this.token = token;
    this.store = new ObjectStore(`${TEKTON_GROUP}/${servedVersions[0]}`);
    this.context = {
      store: this.store,
      watches: this.watches,
      podLogs: this.podLogs,
      servedVersions,
    };
  }

  static async start(
    options: FakeKubeApiServerOptions = {},
  ): Promise<FakeKubeApiServer> {
    const server = new FakeKubeApiServer(
      options.servedVersions ?? ['v1', 'v1beta1'],
      options.token ?? 'test-token',
    );
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
   * Creates or replaces an object (needs metadata.name and metadata.namespace;
   * assigns uid and creationTimestamp if missing, always a new
   * resourceVersion). Emits ADDED or MODIFIED. Returns the stored copy.
   */
  put(plural: TektonPlural, obj: object): KubeObject {
    return this.store.put(plural, obj);
  }

  /** Deletes an object and emits DELETED; throws when there is no such object. */
  remove(plural: TektonPlural, namespace: string, name: string): void {
    if (!this.store.remove(plural, namespace, name)) {
      throw new Error(`no ${plural} ${namespace}/${name} to remove`);
    }
  }

  get(
    plural: TektonPlural,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.store.get(plural, namespace, name);
  }

  list(plural: TektonPlural): KubeObject[] {
    return this.store.list(plural);
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

  /** The next `count` requests (any route) answer a Status with `status`. */
  failNextRequests(count: number, status = 500): void {
    this.failures = { remaining: count, status };
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
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      ...(contentType ? { contentType } : {}),
    });
    if (this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      req.resume();
      sendStatus(
        res,
        this.failures.status,
        'injected failure (FakeKubeApiServer)',
      );
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      req.resume();
      sendStatus(res, 401, 'Unauthorized');
      return;
    }
    void route(this.context, req, res, url, query);
  }
}
