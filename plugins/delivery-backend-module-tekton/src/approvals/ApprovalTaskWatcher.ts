import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApisApi,
  CustomObjectsApi,
  Informer,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  makeInformer,
  ObjectCache,
} from '@kubernetes/client-node';
import { ExternalApprovalSink } from '@slipway/plugin-delivery-node';
import { kubeRequestOptions } from '../provider/kubeRequestOptions';
import { TektonClusterConfig } from '../provider/readTektonClusters';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../provider/requestTimeout';
import { approvalTaskToRecord } from './approvalTaskToRecord';
import {
  APPROVAL_TASK_GROUP,
  APPROVAL_TASK_PLURAL,
  APPROVAL_TASK_VERSION,
  TektonApprovalTask,
} from './approvalTaskTypes';
import { ApprovalTaskConfig } from './readApprovalTaskConfig';

type Watch = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

export interface ApprovalTaskWatcherOptions {
  cluster: TektonClusterConfig;
  kubeConfig: KubeConfig;
  config: ApprovalTaskConfig;
  sink: ExternalApprovalSink;
  logger: LoggerService;
  /** Delay before a failed watch restarts, in ms. Default 5000. */
  retryDelayMs?: number;
  /** How long one list or discovery call may take, in ms. Default 15 s. */
  requestTimeoutMs?: number;
}

/** When the API is absent, how often the watching replica looks again: every 10 minutes. */
const RECHECK_ABSENT_MS = 600_000;
/** The longest wait before a failed write is tried again. */
const MAX_RETRY_MS = 60_000;

/**
 * Lists and watches one cluster's manual-approval-gate ApprovalTasks with a client-node
 * informer and reports each added or changed one to the sink. Runs on the replica that holds the
 * cluster's lease (`start` / `stop`); a failed write is retried with back-off (the latest state
 * of each ApprovalTask), and `stop` writes what is still pending. A cluster without the
 * `openshift-pipelines.org` API is looked at again every 10 minutes, and by each resync.
 */
export class ApprovalTaskWatcher {
  #watches: Watch[] = [];
  #timers = new Set<NodeJS.Timeout>();
  #stopped = true;
  #toldAbsent = false;
  #generation = 0;
  #abort = new AbortController();
  /** The latest state of ApprovalTasks whose write failed, by namespace/name. */
  readonly #unwritten = new Map<string, KubernetesObject>();
  #failures = 0;
  readonly #reports = new Set<Promise<void>>();

  constructor(private readonly options: ApprovalTaskWatcherOptions) {}

  /** Whether the cluster serves ApprovalTasks. */
  async installed(signal?: AbortSignal): Promise<boolean> {
    const { groups } = await this.options.kubeConfig
      .makeApiClient(ApisApi)
      .getAPIVersions({}, kubeRequestOptions(this.#timeoutMs, signal));
    return groups.some(
      g =>
        g.name === APPROVAL_TASK_GROUP &&
        g.versions.some(v => v.version === APPROVAL_TASK_VERSION),
    );
  }

  /** Starts watching when the API is there; never throws. */
  async start(): Promise<void> {
    const { cluster, logger } = this.options;
    this.#stopped = false;
    const generation = ++this.#generation;
    const current = () => !this.#stopped && generation === this.#generation;
    this.#abort = new AbortController();
    try {
      if (!(await this.installed(this.#abort.signal))) {
        if (!current()) return;
        this.#later(() => this.#startIfAbsent(generation), RECHECK_ABSENT_MS);
        if (this.#toldAbsent) return;
        this.#toldAbsent = true;
        logger.info(
          `Cluster '${cluster.name}' serves no ${APPROVAL_TASK_GROUP}/${APPROVAL_TASK_VERSION}: manual-approval-gate is not installed, so no ApprovalTasks are read`,
        );
        return;
      }
      if (!current()) return;
      await Promise.all(
        (cluster.namespaces ?? [undefined]).map(ns => this.#watch(ns)),
      );
    } catch (error) {
      if (!current()) return;
      logger.warn(
        `Cannot read ApprovalTasks of cluster '${cluster.name}': ${error}`,
      );
      this.#later(
        () => this.#startIfAbsent(generation),
        this.options.retryDelayMs ?? 5000,
      );
    }
  }

  /** Stops watching and writes what is still pending (one attempt). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#timers.forEach(t => clearTimeout(t));
    this.#timers.clear();
    await Promise.all(this.#watches.map(w => w.stop()));
    this.#watches = [];
    await Promise.all([...this.#reports]);
    if (this.#unwritten.size > 0) {
      await this.#report([...this.#unwritten.values()]);
    }
  }

  /**
   * Lists every ApprovalTask and reports them all; answers how many. Stops (rejecting) when
   * `signal` aborts. On the replica that watches the cluster, starts the watch if the API was
   * absent before; elsewhere it only lists.
   */
  async resync(signal?: AbortSignal): Promise<number> {
    if (!(await this.installed(signal))) return 0;
    if (!this.#stopped && this.#watches.length === 0) await this.start();
    let count = 0;
    for (const namespace of this.options.cluster.namespaces ?? [undefined]) {
      signal?.throwIfAborted();
      const { items } = await this.#list(namespace, signal);
      await this.#report(items);
      count += items.length;
    }
    return count;
  }

  async #startIfAbsent(generation: number): Promise<void> {
    if (generation === this.#generation && this.#watches.length === 0) {
      await this.start();
    }
  }

  async #watch(namespace: string | undefined): Promise<void> {
    const path = namespace
      ? `/apis/${APPROVAL_TASK_GROUP}/${APPROVAL_TASK_VERSION}/namespaces/${namespace}/${APPROVAL_TASK_PLURAL}`
      : `/apis/${APPROVAL_TASK_GROUP}/${APPROVAL_TASK_VERSION}/${APPROVAL_TASK_PLURAL}`;
    const signal = this.#abort.signal;
    const watch = makeInformer<KubernetesObject>(
      this.options.kubeConfig,
      path,
      () => this.#list(namespace, signal),
      this.options.cluster.labelSelector,
    );
    const onObject = (obj: KubernetesObject) => this.#track([obj]);
    watch.on('add', onObject);
    watch.on('update', onObject);
    watch.on('error', error => {
      if (this.#stopped) return;
      this.options.logger.warn(
        `Watch of ApprovalTasks in cluster '${this.options.cluster.name}' failed: ${error}; restarting`,
      );
      this.#later(
        () => watch.start().catch(() => undefined),
        this.options.retryDelayMs ?? 5000,
      );
    });
    this.#watches.push(watch);
    await watch
      .start()
      .catch(error =>
        this.options.logger.warn(`Could not watch ApprovalTasks: ${error}`),
      );
    if (signal.aborted) await watch.stop();
  }

  /** Reports objects, keeping the promise so that `stop` can wait for it. */
  #track(objects: KubernetesObject[]): void {
    const report = this.#report(objects).finally(() =>
      this.#reports.delete(report),
    );
    this.#reports.add(report);
  }

  async #report(objects: KubernetesObject[]): Promise<void> {
    const { cluster, config, sink, logger } = this.options;
    const records = objects.map(o =>
      approvalTaskToRecord(cluster.name, o as TektonApprovalTask, config),
    );
    try {
      await sink.upsertExternalApprovals(records);
      for (const o of objects) {
        const k = `${o.metadata?.namespace}/${o.metadata?.name}`;
        if (this.#unwritten.get(k) === o) this.#unwritten.delete(k);
      }
      this.#failures = 0;
    } catch (error) {
      logger.warn(
        `Could not store ${records.length} ApprovalTasks of cluster '${cluster.name}': ${error}; retrying`,
      );
      for (const o of objects) {
        const k = `${o.metadata?.namespace}/${o.metadata?.name}`;
        const known = this.#unwritten.get(k);
        // a newer state that arrived meanwhile wins
        if (!known || newerOrSame(o, known)) this.#unwritten.set(k, o);
      }
      this.#failures++;
      const delay = Math.min(
        (this.options.retryDelayMs ?? 5000) * 2 ** (this.#failures - 1),
        MAX_RETRY_MS,
      );
      this.#later(() => {
        if (this.#unwritten.size > 0) {
          this.#track([...this.#unwritten.values()]);
        }
      }, delay);
    }
  }

  #later(fn: () => unknown, delayMs: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#stopped) void fn();
    }, delayMs);
    this.#timers.add(timer);
  }

  get #timeoutMs(): number {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  async #list(
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<KubernetesListObject<KubernetesObject>> {
    const api = this.options.kubeConfig.makeApiClient(CustomObjectsApi);
    const request = {
      group: APPROVAL_TASK_GROUP,
      version: APPROVAL_TASK_VERSION,
      plural: APPROVAL_TASK_PLURAL,
      labelSelector: this.options.cluster.labelSelector,
    };
    const options = kubeRequestOptions(this.#timeoutMs, signal);
    return namespace
      ? api.listNamespacedCustomObject({ ...request, namespace }, options)
      : api.listClusterCustomObject(request, options);
  }
}

/** Whether `a` is at least as new as `b` by resourceVersion (numeric in practice). */
function newerOrSame(a: KubernetesObject, b: KubernetesObject): boolean {
  const [x, y] = [a.metadata?.resourceVersion, b.metadata?.resourceVersion];
  if (!x || !y || !/^\d+$/.test(x) || !/^\d+$/.test(y)) return true;
  return BigInt(x) >= BigInt(y);
}
