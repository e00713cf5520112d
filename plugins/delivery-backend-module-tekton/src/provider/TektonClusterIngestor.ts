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
 * with exponential back-off; deletions in the cluster are not written, so history survives
 * pruning. TaskRuns are listed before PipelineRuns, so that a run is first written with its
 * tasks. Each record carries the objects' resourceVersions, so the store ignores a write older
 * than what it holds (e.g. from a replica that lost its lease while stalled). `stop()` writes
 * what is still pending.
 */
export class TektonClusterIngestor {
  readonly #options: TektonClusterIngestorOptions;
  #assembler: RunAssembler;
  readonly #watchers: Array<{ plural: Plural; watcher: Watcher }> = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #version?: TektonVersion;
  #stopped = false;
  #flushScheduled = false;
  #flushing?: Promise<void>;
  #stopping?: Promise<void>;
  #generation = 0;
  /** Cancels the informers' lists in flight when stopping. */
  #abort = new AbortController();
  #failures = 0;

  constructor(options: TektonClusterIngestorOptions) {
    this.#options = options;
    this.#assembler = this.#newAssembler();
  }

  /** How many changed runs wait to be written. */
  get pending(): number {
    return this.#assembler.pending;
  }

  /** What the joiner holds in memory (bounded: see `RunAssembler`). */
  held() {
    return this.#assembler.held();
  }

  /** A joiner that finds what it forgot in the informers' caches. */
  #newAssembler(): RunAssembler {
    const find = (plural: Plural, namespace: string, name: string) => {
      for (const w of this.#watchers) {
        if (w.plural !== plural) continue;
        const found = w.watcher.get(name, namespace);
        if (found) return found;
      }
      return undefined;
    };
    return new RunAssembler(this.#options.cluster.name, {
      lookup: {
        pipelineRun: (namespace, name) =>
          find('pipelineruns', namespace, name) as TektonPipelineRun,
        taskRun: (namespace, name) =>
          find('taskruns', namespace, name) as TektonTaskRun,
      },
    });
  }

  /** The served version in use, once discovered. */
  get version(): TektonVersion | undefined {
    return this.#version;
  }

  /** Starts watching; never throws: an unreachable cluster is retried in the background. */
  async start(): Promise<void> {
    await this.#stopping;
    this.#stopped = false;
    // a start that a stop (and maybe another start) overtook gives up
    const generation = ++this.#generation;
    const current = () => !this.#stopped && generation === this.#generation;
    this.#abort = new AbortController();
    try {
      this.#version = await discoverTektonVersion(
        this.#options.kubeConfig,
        this.#options.cluster.name,
        { timeoutMs: this.#timeoutMs },
      );
      if (!current()) return;
      const namespaces = this.#options.cluster.namespaces ?? [undefined];
      // TaskRuns first: a PipelineRun listed afterwards is written with its tasks at once
      await Promise.all(namespaces.map(ns => this.#watch('taskruns', ns)));
      if (!current()) return;
      await Promise.all(namespaces.map(ns => this.#watch('pipelineruns', ns)));
      if (!current()) return;
      this.#failures = 0;
      this.#options.logger.info(
        `Watching Tekton ${this.#version} runs in cluster '${
          this.#options.cluster.name
        }'`,
      );
    } catch (error) {
      if (!current()) return;
      this.#options.logger.warn(
        `Cannot reach Tekton in cluster '${
          this.#options.cluster.name
        }': ${error}; retrying`,
      );
      this.#later(() => this.start(), this.#backoff());
    }
  }

  /**
   * Stops watching and writes the changes not written yet (one attempt; a failure is logged,
   * and the next replica's list or the periodic resync writes them). Start may be called again:
   * it lists afresh.
   */
  async stop(): Promise<void> {
    this.#stopping ??= this.#stop().finally(() => {
      this.#stopping = undefined;
    });
    await this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#flushScheduled = false;
    await Promise.all(this.#watchers.map(w => w.watcher.stop()));
    await this.#flushing;
    const records = this.#assembler.takeChanged();
    if (records.length > 0) {
      try {
        await this.#options.sink.upsertRuns(records);
      } catch (error) {
        this.#options.logger.warn(
          `Could not store ${records.length} Tekton runs on stopping: ${error}`,
        );
      }
    }
    this.#watchers.length = 0;
    this.#assembler = this.#newAssembler();
  }

  /**
   * Lists every run directly (not from the watch cache) and writes them all; returns the count.
   * Each call has the request timeout; when `signal` aborts (the scheduler gave up on the task)
   * the calls in flight are cancelled, nothing more is asked or written, and this rejects.
   */
  async resync(signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    // its own joiner: what the list holds is written, then forgotten
    const assembler = new RunAssembler(this.#options.cluster.name);
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
      taskRuns.items.forEach(t => assembler.addTaskRun(t as TektonTaskRun));
      const runs = await this.#list(version, 'pipelineruns', namespace, signal);
      signal?.throwIfAborted();
      runs.items.forEach(r => assembler.addPipelineRun(r as TektonPipelineRun));
    }
    const records = assembler.takeChanged();
    await this.#options.sink.upsertRuns(records);
    return records.length;
  }

  /** Starts one informer; resolves once its first list is in (or failed and is retried). */
  async #watch(plural: Plural, namespace: string | undefined): Promise<void> {
    const version = this.#version!;
    const path = namespace
      ? `/apis/tekton.dev/${version}/namespaces/${namespace}/${plural}`
      : `/apis/tekton.dev/${version}/${plural}`;
    const signal = this.#abort.signal;
    const watcher = makeInformer<KubernetesObject>(
      this.#options.kubeConfig,
      path,
      () => this.#list(version, plural, namespace, signal),
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
    // deleted in the cluster: kept in the store, forgotten in memory
    watcher.on('delete', obj => {
      if (plural === 'pipelineruns') {
        this.#assembler.removePipelineRun(obj as TektonPipelineRun);
      } else {
        this.#assembler.removeTaskRun(obj as TektonTaskRun);
      }
    });
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
    this.#watchers.push({ plural, watcher });
    await watcher.start().catch(error => {
      this.#options.logger.warn(
        `Could not start the ${plural} watch: ${error}`,
      );
    });
    if (signal.aborted) {
      // stopped while the watch request was being made: end it now that it is open
      await watcher.stop();
    }
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
      const flushing = this.#flush();
      this.#flushing = flushing;
      await flushing;
      if (this.#flushing === flushing) this.#flushing = undefined;
    }, delayMs);
  }

  async #flush(): Promise<void> {
    const assembler = this.#assembler;
    const records = assembler.takeChanged();
    if (records.length === 0) {
      return;
    }
    try {
      await this.#options.sink.upsertRuns(records);
      assembler.written(records);
    } catch (error) {
      this.#options.logger.warn(
        `Could not store ${records.length} Tekton runs: ${error}`,
      );
      assembler.markChanged(records);
      this.#scheduleFlush(this.#backoff());
    }
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
