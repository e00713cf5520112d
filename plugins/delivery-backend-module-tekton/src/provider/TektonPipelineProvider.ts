import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';
import {
  PipelineProvider,
  PipelineRunSink,
  RunActionContext,
  TaskLogs,
} from '@slipway/plugin-delivery-node';
import { discoverTektonVersion } from './discoverTektonVersion';
import { kubeConfigFor } from './kubeConfigFor';
import { readResyncSchedule, DEFAULT_RESYNC } from './readResyncSchedule';
import { readTektonClusters, TektonClusterConfig } from './readTektonClusters';
import { TektonClusterIngestor } from './TektonClusterIngestor';
import {
  cancelPipelineRun,
  readTaskLogs,
  rerunPipelineRun,
} from './tektonRunActions';

export interface TektonProviderOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  resyncSchedule?: SchedulerServiceTaskScheduleDefinition;
  flushDelayMs?: number;
  retryDelayMs?: number;
}

/**
 * The Tekton pipeline provider: one ingestor (list + watch) per configured cluster, a periodic
 * full resync per cluster as a global scheduler task, and live logs, rerun and cancel.
 */
export class TektonPipelineProvider implements PipelineProvider {
  static fromConfig(
    config: Config,
    options: TektonProviderOptions,
  ): TektonPipelineProvider {
    return new TektonPipelineProvider(readTektonClusters(config), {
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
      });
      this.#ingestors.set(cluster.name, ingestor);
      void ingestor.start();
      await scheduler.scheduleTask({
        id: `delivery-tekton-resync-${cluster.name}`,
        ...(this.options.resyncSchedule ?? DEFAULT_RESYNC),
        // after the schedule: a schedule read from config carries `scope: undefined`
        scope: 'global',
        fn: async () => {
          const count = await ingestor.resync();
          logger.info(
            `Resynced ${count} Tekton runs from cluster '${cluster.name}'`,
          );
        },
      });
    }
  }

  /** Stops every watch (on backend shutdown). */
  async stop(): Promise<void> {
    await Promise.all([...this.#ingestors.values()].map(i => i.stop()));
  }

  async getTaskLogs(
    run: PipelineRunWithTasks,
    task: TaskRun,
  ): Promise<TaskLogs> {
    return readTaskLogs(this.#clientFor(run), run, task);
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

  #clientFor(run: PipelineRunWithTasks): KubeConfig {
    const client = run.cluster ? this.#clients.get(run.cluster) : undefined;
    if (!client) {
      throw new NotFoundError(
        `Cluster '${run.cluster}' of run '${run.name}' is not configured in kubernetes.clusterLocatorMethods`,
      );
    }
    return client;
  }

  async #versionFor(run: PipelineRunWithTasks) {
    return (
      this.#ingestors.get(run.cluster!)?.version ??
      discoverTektonVersion(this.#clientFor(run), run.cluster!)
    );
  }
}
