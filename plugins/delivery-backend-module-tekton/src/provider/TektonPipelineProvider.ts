import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import {
  PipelineProvider,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import { kubeConfigFor } from './kubeConfigFor';
import { readTektonClusters, TektonClusterConfig } from './readTektonClusters';

/**
 * The Tekton pipeline provider: one Kubernetes client per configured cluster.
 *
 * This first version prepares the clients from the portal's cluster config and reports what it
 * will read; listing and watching PipelineRuns into the sink is the next step (see the README).
 */
export class TektonPipelineProvider implements PipelineProvider {
  static fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): TektonPipelineProvider {
    return new TektonPipelineProvider(
      readTektonClusters(config),
      options.logger,
    );
  }

  readonly #clients: Map<string, KubeConfig>;

  private constructor(
    readonly clusters: TektonClusterConfig[],
    private readonly logger: LoggerService,
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

  async connect(_sink: PipelineRunSink): Promise<void> {
    if (this.clusters.length === 0) {
      this.logger.info(
        'No Kubernetes clusters configured (kubernetes.clusterLocatorMethods, type config); Tekton runs will not be read',
      );
      return;
    }
    for (const cluster of this.clusters) {
      const scope = cluster.namespaces?.join(', ') ?? 'all namespaces';
      this.logger.info(
        `Tekton cluster '${cluster.name}' at ${
          this.#clients.get(cluster.name)?.getCurrentCluster()?.server
        } (${scope})`,
      );
    }
  }
}
