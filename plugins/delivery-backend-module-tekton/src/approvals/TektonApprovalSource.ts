import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ConfigurationOptions,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ExternalApprovalDecision,
  ExternalApprovalRecord,
  ExternalApprovalSink,
  ExternalApprovalSource,
} from '@slipway/plugin-delivery-node';
import { Config } from '@backstage/config';
import { ClusterLeases } from '../lease/ClusterLeases';
import { clusterStatus, toClusterError } from '../provider/clusterErrors';
import { kubeConfigFor } from '../provider/kubeConfigFor';
import { kubeRequestOptions } from '../provider/kubeRequestOptions';
import { readResyncSchedule } from '../provider/readResyncSchedule';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  readRequestTimeout,
} from '../provider/requestTimeout';
import {
  readTektonClusters,
  TektonClusterConfig,
} from '../provider/readTektonClusters';
import {
  APPROVAL_TASK_SOURCE,
  approvalTaskToRecord,
} from './approvalTaskToRecord';
import {
  APPROVAL_TASK_GROUP,
  APPROVAL_TASK_PLURAL,
  APPROVAL_TASK_VERSION,
  TektonApprovalTask,
} from './approvalTaskTypes';
import { ApprovalTaskWatcher } from './ApprovalTaskWatcher';
import { decisionPatch } from './decisionPatch';
import {
  ApprovalTaskConfig,
  readApprovalTaskConfig,
} from './readApprovalTaskConfig';

export interface TektonApprovalSourceOptions {
  clusters: Array<{ cluster: TektonClusterConfig; kubeConfig: KubeConfig }>;
  config: ApprovalTaskConfig;
  logger: LoggerService;
  scheduler: SchedulerService;
  resyncSchedule: SchedulerServiceTaskScheduleDefinition;
  retryDelayMs?: number;
  /** How long one call to a cluster may take, in ms. Default 15 s. */
  requestTimeoutMs?: number;
  /** Runs each cluster's watch on one replica at a time; without it, here. */
  leases?: ClusterLeases;
}

/**
 * The `message` of the Kubernetes `Status` an ApiException carries (e.g. the admission
 * webhook's reason for refusing), else the HTTP status; never the raw body or the headers.
 */
function reason(error: unknown): string {
  const body = (error as { body?: unknown } | undefined)?.body;
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not a Status
  }
  return `HTTP ${clusterStatus(error)}`;
}

/**
 * OpenShift Pipelines manual-approval-gate `ApprovalTask`s as Slipway approval requests. Each
 * cluster is watched (on the replica holding its lease, with the cluster's runs); a decision made in Slipway is written back as a JSON Patch sent with
 * Kubernetes impersonation of the deciding user's mapped identity (the gate's webhook only
 * accepts a change of the caller's own input), and only for users the identity mapping names.
 */
export class TektonApprovalSource implements ExternalApprovalSource {
  /** The source for every configured cluster, or undefined when switched off by config. */
  static fromConfig(
    config: Config,
    options: Pick<
      TektonApprovalSourceOptions,
      'logger' | 'scheduler' | 'retryDelayMs' | 'requestTimeoutMs' | 'leases'
    > & { resyncSchedule?: SchedulerServiceTaskScheduleDefinition },
  ): TektonApprovalSource | undefined {
    const approvalConfig = readApprovalTaskConfig(config);
    if (!approvalConfig.enabled) return undefined;
    return new TektonApprovalSource({
      requestTimeoutMs: readRequestTimeout(config),
      ...options,
      config: approvalConfig,
      clusters: readTektonClusters(config).map(cluster => ({
        cluster,
        kubeConfig: kubeConfigFor(cluster),
      })),
      resyncSchedule: readResyncSchedule(config, options.resyncSchedule),
    });
  }

  readonly #watchers = new Map<string, ApprovalTaskWatcher>();
  readonly #clients: Map<string, KubeConfig>;

  constructor(private readonly options: TektonApprovalSourceOptions) {
    this.#clients = new Map(
      options.clusters.map(c => [c.cluster.name, c.kubeConfig]),
    );
  }

  getSourceName(): string {
    return APPROVAL_TASK_SOURCE;
  }

  async connect(sink: ExternalApprovalSink): Promise<void> {
    const { logger, scheduler, config } = this.options;
    for (const { cluster, kubeConfig } of this.options.clusters) {
      const watcher = new ApprovalTaskWatcher({
        cluster,
        kubeConfig,
        config,
        sink,
        logger: logger.child({ cluster: cluster.name }),
        retryDelayMs: this.options.retryDelayMs,
        requestTimeoutMs: this.options.requestTimeoutMs,
      });
      this.#watchers.set(cluster.name, watcher);
      if (this.options.leases) {
        this.options.leases.add(cluster.name, watcher);
      } else {
        void watcher.start();
      }
      await scheduler.scheduleTask({
        id: `delivery-tekton-approvaltasks-resync-${cluster.name}`,
        ...this.options.resyncSchedule,
        scope: 'global',
        fn: async abortSignal => {
          const count = await watcher.resync(abortSignal);
          logger.info(
            `Resynced ${count} ApprovalTasks from cluster '${cluster.name}'`,
          );
        },
      });
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#watchers.values()].map(w => w.stop()));
  }

  canWriteFor(userRef: string): boolean {
    return this.options.config.identities.some(i => i.userRef === userRef);
  }

  async decide(
    decision: ExternalApprovalDecision,
  ): Promise<ExternalApprovalRecord> {
    const identity = this.options.config.identities.find(
      i => i.userRef === decision.userRef,
    );
    if (!identity) {
      throw new NotAllowedError(
        `No Kubernetes identity is mapped to ${decision.userRef} in delivery.tekton.approvalTasks.identities`,
      );
    }
    const [clusterName, namespace, name] = decision.key.split('/');
    const kubeConfig = this.#clients.get(clusterName);
    if (!kubeConfig || !namespace || !name) {
      throw new InputError(
        `ApprovalTask key '${decision.key}' names no configured cluster`,
      );
    }
    const api = kubeConfig.makeApiClient(CustomObjectsApi);
    const target = {
      group: APPROVAL_TASK_GROUP,
      version: APPROVAL_TASK_VERSION,
      plural: APPROVAL_TASK_PLURAL,
      namespace,
      name,
    };
    const timeoutMs =
      this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    try {
      const current: TektonApprovalTask = await api.getNamespacedCustomObject(
        target,
        kubeRequestOptions(timeoutMs),
      );
      const patch = decisionPatch(
        current,
        identity,
        decision.decision,
        decision.comment,
      );
      let headers: ConfigurationOptions = setHeaderOptions(
        'Content-Type',
        PatchStrategy.JsonPatch,
      );
      headers = setHeaderOptions(
        'Impersonate-User',
        patch.impersonate.user,
        headers,
      );
      if (patch.impersonate.group) {
        headers = setHeaderOptions(
          'Impersonate-Group',
          patch.impersonate.group,
          headers,
        );
      }
      const updated: TektonApprovalTask = await api.patchNamespacedCustomObject(
        { ...target, body: patch.operations },
        kubeRequestOptions(timeoutMs, undefined, headers),
      );
      return approvalTaskToRecord(clusterName, updated, this.options.config);
    } catch (error) {
      const code = clusterStatus(error);
      const where = `ApprovalTask ${namespace}/${name} in cluster '${clusterName}'`;
      if (code === 404) throw new NotFoundError(`${where} is gone`);
      if (code === 403 || code === 400) {
        throw new NotAllowedError(
          `${where} refused the decision: ${reason(error)}`,
        );
      }
      if (code === 409 || code === 422) {
        throw new ConflictError(`${where} changed meanwhile: ${reason(error)}`);
      }
      throw toClusterError(error, `Writing a decision to ${where}`);
    }
  }
}
