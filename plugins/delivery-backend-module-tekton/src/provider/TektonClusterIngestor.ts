import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CustomObjectsApi,
  Informer,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  makeInformer,
  ObjectCache,
} from '@kubernetes/client-node';
import { PipelineRunSink } from '@slipway/plugin-delivery-node';
import { TektonPipelineRun, TektonTaskRun } from '../tekton';
import { discoverTektonVersion, TektonVersion } from './discoverTektonVersion';
import { kubeRequestOptions } from './kubeRequestOptions';
import { TektonClusterConfig } from './readTektonClusters';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './requestTimeout';
import { RunAssembler } from './RunAssembler';

type Plural = 'pipelineruns' | 'taskruns';
type Watcher = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

const MAX_BACKOFF_MS = 30_000;

export interface TektonClusterIngestorOptions {
  cluster: TektonClusterConfig;
  kubeConfig: KubeConfig;
  sink: PipelineRunSink;
  logger: LoggerService;
  /** How long changes are gathered before they are written, in ms. Default 100. */
  flushDelayMs?: number;
  /** First retry delay after an error, in ms; doubles up to 30 s. Default 1000. */
  retryDelayMs?: number;
  /** How long one list or discovery call may take, in ms. Default 15 s. */
  requestTimeoutMs?: number;
}

/**
 * Lists and watches one cluster's PipelineRuns and TaskRuns with @kubernetes/client-node
 * informers (which resume from the last resourceVersion and relist on 410 Gone), joins them and
 * writes changed runs to the sink in small batches. Errors and dropped connections are retried
 * with exponential back-off; deletions in the cluster are ignored, so history survives pruning.
 */
export class TektonClusterIngestor {
  readonly #options: TektonClusterIngestorOptions;
  readonly #assembler: RunAssembler;
  readonly #watchers: Watcher[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #version?: TektonVersion;
  #stopped = false;
  #flushScheduled = false;
  #failures = 0;

  constructor(options: TektonClusterIngestorOptions) {
    this.#options = options;
    this.#assembler = new RunAssembler(options.cluster.name);
  }

  /** The served version in use, once discovered. */
  get version(): TektonVersion | undefined {
    return this.#version;
  }

  /** Starts watching; never throws: an unreachable cluster is retried in the background. */
  async start(): Promise<void> {
    this.#stopped = false;
    try {
      this.#version = await discoverTektonVersion(
        this.#options.kubeConfig,
        this.#options.cluster.name,
        { timeoutMs: this.#timeoutMs },
      );
      for (const namespace of this.#options.cluster.namespaces ?? [undefined]) {
        this.#watch('pipelineruns', namespace);
        this.#watch('taskruns', namespace);
      }
      this.#failures = 0;
      this.#options.logger.info(
        `Watching Tekton ${this.#version} runs in cluster '${
          this.#options.cluster.name
        }'`,
      );
    } catch (error) {
      this.#options.logger.warn(
        `Cannot reach Tekton in cluster '${
          this.#options.cluster.name
        }': ${error}; retrying`,
      );
      this.#later(() => this.start(), this.#backoff());
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(this.#watchers.map(w => w.stop()));
    this.#watchers.length = 0;
  }

  /**
   * Lists every run directly (not from the watch cache) and writes them all; returns the count.
   * Each call has the request timeout; when `signal` aborts (the scheduler gave up on the task)
   * the calls in flight are cancelled, nothing more is asked or written, and this rejects.
   */
  async resync(signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    const version =
      this.#version ??
      (await discoverTektonVersion(
        this.#options.kubeConfig,
        this.#options.cluster.name,
        { timeoutMs: this.#timeoutMs, signal },
      ));
    for (const namespace of this.#options.cluster.namespaces ?? [undefined]) {
      const taskRuns = await this.#list(version, 'taskruns', namespace, signal);
      signal?.throwIfAborted();
      taskRuns.items.forEach(t =>
        this.#assembler.addTaskRun(t as TektonTaskRun),
      );
      const runs = await this.#list(version, 'pipelineruns', namespace, signal);
      signal?.throwIfAborted();
      runs.items.forEach(r =>
        this.#assembler.addPipelineRun(r as TektonPipelineRun),
      );
    }
    const records = this.#assembler.takeChanged();
    await this.#options.sink.upsertRuns(records);
    return records.length;
  }

  #watch(plural: Plural, namespace: string | undefined): void {
    const version = this.#version!;
    const path = namespace
      ? `/apis/tekton.dev/${version}/namespaces/${namespace}/${plural}`
      : `/apis/tekton.dev/${version}/${plural}`;
    const watcher = makeInformer<KubernetesObject>(
      this.#options.kubeConfig,
      path,
      () => this.#list(version, plural, namespace),
      this.#options.cluster.labelSelector,
    );
    const onObject = (obj: KubernetesObject) => {
      if (plural === 'pipelineruns') {
        this.#assembler.addPipelineRun(obj as TektonPipelineRun);
      } else {
        this.#assembler.addTaskRun(obj as TektonTaskRun);
      }
      this.#scheduleFlush(this.#options.flushDelayMs ?? 100);
    };
    watcher.on('add', onObject);
    watcher.on('update', onObject);
    watcher.on('error', error => {
      if (this.#stopped) {
        return;
      }
      this.#options.logger.warn(
        `Watch of ${plural} in cluster '${
          this.#options.cluster.name
        }' failed: ${error}; restarting`,
      );
      this.#later(() => watcher.start(), this.#backoff());
    });
    watcher.on('connect', () => {
      this.#failures = 0;
    });
    this.#watchers.push(watcher);
    watcher.start().catch(error => {
      this.#options.logger.warn(
        `Could not start the ${plural} watch: ${error}`,
      );
    });
  }

  get #timeoutMs(): number {
    return this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  async #list(
    version: TektonVersion,
    plural: Plural,
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<KubernetesListObject<KubernetesObject>> {
    const api = this.#options.kubeConfig.makeApiClient(CustomObjectsApi);
    const request = {
      group: 'tekton.dev',
      version,
      plural,
      labelSelector: this.#options.cluster.labelSelector,
    };
    const options = kubeRequestOptions(this.#timeoutMs, signal);
    return namespace
      ? api.listNamespacedCustomObject({ ...request, namespace }, options)
      : api.listClusterCustomObject(request, options);
  }

  #scheduleFlush(delayMs: number): void {
    if (this.#flushScheduled || this.#stopped) {
      return;
    }
    this.#flushScheduled = true;
    this.#later(async () => {
      this.#flushScheduled = false;
      const records = this.#assembler.takeChanged();
      if (records.length === 0) {
        return;
      }
      try {
        await this.#options.sink.upsertRuns(records);
      } catch (error) {
        this.#options.logger.warn(
          `Could not store ${records.length} Tekton runs: ${error}`,
        );
        this.#assembler.markChanged(records);
        this.#scheduleFlush(this.#backoff());
      }
    }, delayMs);
  }

  #backoff(): number {
    const base = this.#options.retryDelayMs ?? 1000;
    this.#failures++;
    return Math.min(base * 2 ** (this.#failures - 1), MAX_BACKOFF_MS);
  }

  #later(fn: () => unknown, delayMs: number): void {
    if (this.#stopped) {
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#stopped) {
        Promise.resolve(fn()).catch(error =>
          this.#options.logger.warn(`Tekton ingestion step failed: ${error}`),
        );
      }
    }, delayMs);
    this.#timers.add(timer);
  }
}
