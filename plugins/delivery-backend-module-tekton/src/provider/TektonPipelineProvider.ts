import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';
import {
  PipelineProvider,
  PipelineRunSink,
  RunActionContext,
  StartRunTarget,
  TaskLogOptions,
  TaskLogs,
} from '@slipway/plugin-delivery-node';
import { ClusterLeases } from '../lease/ClusterLeases';
import { toClusterError } from './clusterErrors';
import { discoverTektonVersion } from './discoverTektonVersion';
import { kubeConfigFor } from './kubeConfigFor';
import { readResyncSchedule, DEFAULT_RESYNC } from './readResyncSchedule';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  readRequestTimeout,
} from './requestTimeout';
import { readTektonClusters, TektonClusterConfig } from './readTektonClusters';
import { TektonClusterIngestor } from './TektonClusterIngestor';
import {
  cancelPipelineRun,
  ClusterCall,
  readTaskLogs,
  rerunPipelineRun,
} from './tektonRunActions';
import {
  describeTektonPipeline,
  startTektonPipelineRun,
} from './tektonStartRun';

export interface TektonProviderOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  resyncSchedule?: SchedulerServiceTaskScheduleDefinition;
  flushDelayMs?: number;
  retryDelayMs?: number;
  /** How long one call to a cluster may take, in ms. Default 15 s. */
  requestTimeoutMs?: number;
  /**
   * Runs each cluster's watch on one replica at a time. Without it every cluster is watched
   * here (one replica, or tests).
   */
  leases?: ClusterLeases;
}

/**
 * The Tekton pipeline provider: one ingestor (list + watch) per configured cluster, running on
 * the replica that holds the cluster's lease, a periodic full resync per cluster as a global
 * scheduler task, and live logs, rerun and cancel (on any replica).
 */
export class TektonPipelineProvider implements PipelineProvider {
  static fromConfig(
    config: Config,
    options: TektonProviderOptions,
  ): TektonPipelineProvider {
    return new TektonPipelineProvider(readTektonClusters(config), {
      requestTimeoutMs: readRequestTimeout(config),
      ...options,
      resyncSchedule: readResyncSchedule(config, options.resyncSchedule),
    });
  }

  readonly #clients: Map<string, KubeConfig>;
  readonly #ingestors = new Map<string, TektonClusterIngestor>();

  constructor(
    readonly clusters: TektonClusterConfig[],
    private readonly options: TektonProviderOptions,
  ) {
    this.#clients = new Map(clusters.map(c => [c.name, kubeConfigFor(c)]));
  }

  getProviderName(): string {
    return 'tekton';
  }

  /** The client configuration for a cluster, by name. */
  kubeConfig(clusterName: string): KubeConfig | undefined {
    return this.#clients.get(clusterName);
  }

  async connect(sink: PipelineRunSink): Promise<void> {
    const { logger, scheduler } = this.options;
    if (this.clusters.length === 0) {
      logger.info(
        'No Kubernetes clusters configured (kubernetes.clusterLocatorMethods, type config); Tekton runs will not be read',
      );
      return;
    }
    for (const cluster of this.clusters) {
      const ingestor = new TektonClusterIngestor({
        cluster,
        kubeConfig: this.#clients.get(cluster.name)!,
        sink,
        logger: logger.child({ cluster: cluster.name }),
        flushDelayMs: this.options.flushDelayMs,
        retryDelayMs: this.options.retryDelayMs,
        requestTimeoutMs: this.#timeoutMs,
      });
      this.#ingestors.set(cluster.name, ingestor);
      if (this.options.leases) {
        this.options.leases.add(cluster.name, ingestor);
      } else {
        void ingestor.start();
      }
      await scheduler.scheduleTask({
        id: `delivery-tekton-resync-${cluster.name}`,
        ...(this.options.resyncSchedule ?? DEFAULT_RESYNC),
        // after the schedule: a schedule read from config carries `scope: undefined`
        scope: 'global',
        fn: async abortSignal => {
          const count = await ingestor.resync(abortSignal);
          logger.info(
            `Resynced ${count} Tekton runs from cluster '${cluster.name}'`,
          );
        },
      });
    }
  }

  /** Stops every watch, writing what is pending (on backend shutdown). */
  async stop(): Promise<void> {
    await Promise.all([...this.#ingestors.values()].map(i => i.stop()));
  }

  async getTaskLogs(
    run: PipelineRunWithTasks,
    task: TaskRun,
    options: TaskLogOptions,
  ): Promise<TaskLogs> {
    return readTaskLogs(this.#clientFor(run), run, task, options);
  }

  async rerun(run: PipelineRunWithTasks, context: RunActionContext) {
    return rerunPipelineRun(
      this.#clientFor(run),
      await this.#versionFor(run),
      run,
      context,
    );
  }

  async cancel(
    run: PipelineRunWithTasks,
    context: RunActionContext,
  ): Promise<void> {
    await cancelPipelineRun(
      this.#clientFor(run),
      await this.#versionFor(run),
      run,
      context,
    );
  }

  async describePipeline(run: PipelineRunWithTasks) {
    return describeTektonPipeline(
      this.#clientFor(run),
      await this.#versionFor(run),
      run,
    );
  }

  /**
   * Starts a PipelineRun like `target.basedOn`, else in `target.cluster` (or the only
   * configured cluster) and `target.namespace`.
   */
  async startRun(target: StartRunTarget, context: RunActionContext) {
    const cluster =
      target.basedOn?.cluster ?? target.cluster ?? this.#onlyCluster();
    const namespace = target.basedOn?.namespace ?? target.namespace;
    if (!namespace) {
      throw new ConflictError(
        `No namespace to start Pipeline '${target.pipelineName}' in`,
      );
    }
    const where = { cluster, name: target.pipelineName };
    return startTektonPipelineRun(
      this.#clientFor(where),
      await this.#versionFor(where),
      { ...target, namespace },
      context,
    );
  }

  #onlyCluster(): string {
    if (this.clusters.length !== 1) {
      throw new ConflictError(
        `Slipway reads ${this.clusters.length} Kubernetes clusters; the component must name the one to start its deploy pipeline in (slipway.dev/deploy-pipeline-cluster)`,
      );
    }
    return this.clusters[0].name;
  }

  get #timeoutMs(): number {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  #clientFor(run: { cluster?: string; name: string }): ClusterCall {
    const kubeConfig = run.cluster ? this.#clients.get(run.cluster) : undefined;
    if (!kubeConfig) {
      throw new NotFoundError(
        `Cluster '${run.cluster}' of run '${run.name}' is not configured in kubernetes.clusterLocatorMethods`,
      );
    }
    return { kubeConfig, timeoutMs: this.#timeoutMs };
  }

  async #versionFor(run: { cluster?: string; name: string }) {
    const known = this.#ingestors.get(run.cluster!)?.version;
    if (known) return known;
    const { kubeConfig, timeoutMs } = this.#clientFor(run);
    try {
      return await discoverTektonVersion(kubeConfig, run.cluster!, {
        timeoutMs,
      });
    } catch (error) {
      throw toClusterError(
        error,
        `Finding the Tekton version of cluster '${run.cluster}'`,
      );
    }
  }
}
