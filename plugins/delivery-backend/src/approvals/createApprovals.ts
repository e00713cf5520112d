import {
  AuthService,
  LoggerService,
  PermissionsRegistryService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { deliveryApprovalDecidePermission } from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';
import { PipelineProvider } from '@slipway/plugin-delivery-node';
import { DeployPipelines } from './deploy/DeployPipelines';
import { PromotionDeploys } from './deploy/PromotionDeploys';
import { readApprovalExpirySchedule } from '../config';
import { DeliveryStore } from '../database/DeliveryStore';
import { ApprovalExpiryTask } from './ApprovalExpiryTask';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalService } from './ApprovalService';
import { DatabaseApprovalsStore } from './DatabaseApprovalsStore';
import { ApprovalSourceRegistry } from './ApprovalSourceRegistry';
import { ExternalApprovals } from './ExternalApprovals';
import { ExternalApprovalSync } from './ExternalApprovalSync';
import { MappableRun } from '../service/mapping/EntityRunMapper';
import { resolveEnvironments } from './policy/resolveEnvironments';
import { DeploymentQueries } from './deploymentQueries';
import { GateSources } from './gates/evaluateGates';
import {
  approvalPermissionRules,
  approvalResourceRef,
} from './permissions/rules';

/**
 * Everything approvals need, wired: the store, the service that resolves catalog policies, the
 * expiry task, notifications, and the permission resource type with its rules.
 */
export async function createApprovals(deps: {
  knex: Knex;
  config: RootConfigService;
  store: DeliveryStore;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  permissionsRegistry: PermissionsRegistryService;
  scheduler: SchedulerService;
  logger: LoggerService;
  securityGate: GateSources['securityGate'];
  /** Sources of external approval objects (e.g. Tekton ApprovalTasks), and how to map them. */
  sources: ApprovalSourceRegistry;
  entityOf: (object: MappableRun) => string | undefined;
  /** Providers by name: approved promotions and rollbacks start deploy pipelines through them. */
  providerFor: (name: string) => PipelineProvider | undefined;
}) {
  const approvalsStore = new DatabaseApprovalsStore(deps.knex);
  const deployments = new DeploymentQueries(deps.knex);
  const notifier = new ApprovalNotifier(
    deps.notifications,
    deps.logger,
    request => {
      const [kind, rest] = request.entityRef.split(':');
      const [namespace, name] = rest.split('/');
      return `/catalog/${namespace}/${kind}/${name}/environments?approval=${request.id}`;
    },
  );
  // the sync protects new mirrored requests through the service, which in turn uses the sync
  const service: { current?: ApprovalService } = {};
  const sync = new ExternalApprovalSync({
    store: approvalsStore,
    entityOf: deps.entityOf,
    environmentsOf: async entityRef => {
      const credentials = await deps.auth.getOwnServiceCredentials();
      const entity = await deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      return entity
        ? resolveEnvironments(deps.catalog, credentials, entity)
        : [];
    },
    // mirrored objects get the exclusions and gates of Slipway's own requests
    protectionsFor: (entityRef, environment, record) =>
      service.current!.protectionsFor(entityRef, environment, record),
    logger: deps.logger,
  });
  const approvals = new ApprovalService({
    external: new ExternalApprovals(deps.sources, sync),
    store: approvalsStore,
    catalog: deps.catalog,
    auth: deps.auth,
    notifier,
    gates: {
      securityGate: deps.securityGate,
      run: uid => deps.store.getRun(uid),
      deploymentOf: (entityRef, environment, revision, trusted) =>
        deployments.latestOf(entityRef, environment, revision, trusted),
    },
  });
  service.current = approvals;
  deps.permissionsRegistry.addResourceType({
    resourceRef: approvalResourceRef,
    permissions: [deliveryApprovalDecidePermission],
    rules: approvalPermissionRules,
    getResources: ids =>
      Promise.all(ids.map(id => approvalsStore.get(id, new Date()))),
  });
  await new ApprovalExpiryTask(approvalsStore, deps.logger).schedule(
    deps.scheduler,
    readApprovalExpirySchedule(deps.config),
  );
  /** Starts every approval source, each writing through its own sink. */
  const connectSources = async () => {
    for (const source of deps.sources.list()) {
      deps.logger.info(
        `Connecting approval source '${source.getSourceName()}'`,
      );
      await source.connect(sync.sinkFor(source.getSourceName()));
    }
  };
  const deployPipelines = new DeployPipelines(deps.providerFor);
  const promotions = new PromotionDeploys({
    store: deps.store,
    approvalsStore,
    deployPipelines,
    logger: deps.logger,
  });
  return {
    approvals,
    approvalsStore,
    deployments,
    deployPipelines,
    promotions,
    connectSources,
  };
}
