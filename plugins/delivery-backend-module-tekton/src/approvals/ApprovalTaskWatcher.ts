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

/**
 * Lists and watches one cluster's manual-approval-gate ApprovalTasks with a client-node
 * informer and reports each added or changed one to the sink. A cluster without the
 * `openshift-pipelines.org` API is left alone until the next resync finds it installed.
 */
export class ApprovalTaskWatcher {
  #watches: Watch[] = [];
  #timers = new Set<NodeJS.Timeout>();
  #stopped = false;
  #toldAbsent = false;

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
    try {
      if (!(await this.installed())) {
        if (this.#toldAbsent) return;
        this.#toldAbsent = true;
        logger.info(
          `Cluster '${cluster.name}' serves no ${APPROVAL_TASK_GROUP}/${APPROVAL_TASK_VERSION}: manual-approval-gate is not installed, so no ApprovalTasks are read`,
        );
        return;
      }
      for (const namespace of cluster.namespaces ?? [undefined]) {
        this.#watch(namespace);
      }
    } catch (error) {
      logger.warn(
        `Cannot read ApprovalTasks of cluster '${cluster.name}': ${error}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timers.forEach(t => clearTimeout(t));
    this.#timers.clear();
    await Promise.all(this.#watches.map(w => w.stop()));
    this.#watches = [];
  }

  /**
   * Lists every ApprovalTask and reports them all; answers how many. Stops (rejecting) when
   * `signal` aborts.
   */
  async resync(signal?: AbortSignal): Promise<number> {
    if (this.#watches.length === 0) await this.start();
    if (this.#watches.length === 0) return 0;
    let count = 0;
    for (const namespace of this.options.cluster.namespaces ?? [undefined]) {
      signal?.throwIfAborted();
      const { items } = await this.#list(namespace, signal);
      await this.#report(items);
      count += items.length;
    }
    return count;
  }

  #watch(namespace: string | undefined): void {
    const path = namespace
      ? `/apis/${APPROVAL_TASK_GROUP}/${APPROVAL_TASK_VERSION}/namespaces/${namespace}/${APPROVAL_TASK_PLURAL}`
      : `/apis/${APPROVAL_TASK_GROUP}/${APPROVAL_TASK_VERSION}/${APPROVAL_TASK_PLURAL}`;
    const watch = makeInformer<KubernetesObject>(
      this.options.kubeConfig,
      path,
      () => this.#list(namespace),
      this.options.cluster.labelSelector,
    );
    const onObject = (obj: KubernetesObject) => void this.#report([obj]);
    watch.on('add', onObject);
    watch.on('update', onObject);
    watch.on('error', error => {
      if (this.#stopped) return;
      this.options.logger.warn(
        `Watch of ApprovalTasks in cluster '${this.options.cluster.name}' failed: ${error}; restarting`,
      );
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (!this.#stopped) void watch.start().catch(() => undefined);
      }, this.options.retryDelayMs ?? 5000);
      this.#timers.add(timer);
    });
    this.#watches.push(watch);
    watch
      .start()
      .catch(error =>
        this.options.logger.warn(`Could not watch ApprovalTasks: ${error}`),
      );
  }

  async #report(objects: KubernetesObject[]): Promise<void> {
    const { cluster, config, sink, logger } = this.options;
    const records = objects.map(o =>
      approvalTaskToRecord(cluster.name, o as TektonApprovalTask, config),
    );
    try {
      await sink.upsertExternalApprovals(records);
    } catch (error) {
      logger.warn(
        `Could not store ${records.length} ApprovalTasks of cluster '${cluster.name}': ${error}`,
      );
    }
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
