import { Entity } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_DEPLOY_PIPELINE_PROVIDER,
  ApprovalRequest,
} from '@slipway/plugin-delivery-common';
import { DeliveryStore } from '../../database/DeliveryStore';
import { ApprovalsStore } from '../ApprovalsStore';
import { DeployPipelines } from './DeployPipelines';

const WAITING = new Set(['pending', 'running']);

/**
 * What happens after a promotion is approved: a pipeline waiting for the verdict (the request's
 * run is still pending or running, its `slipway-approval-gate` Task polling) goes on by itself;
 * otherwise Slipway starts the component's deploy pipeline for that environment and revision,
 * as the approver, once per request (claimed in the database, so concurrent approvals and
 * replicas start one run), and records the run, or why it could not start one, on the request.
 */
export class PromotionDeploys {
  constructor(
    private readonly deps: {
      store: Pick<DeliveryStore, 'getRun'>;
      approvalsStore: ApprovalsStore;
      deployPipelines: DeployPipelines;
      logger: LoggerService;
    },
  ) {}

  /** Whether a pipeline run waits for this request's verdict. */
  async pipelineWaits(request: ApprovalRequest): Promise<boolean> {
    if (!request.runUid) return false;
    const run = await this.deps.store.getRun(request.runUid);
    return Boolean(
      run &&
        run.entityRef?.toLocaleLowerCase('en-US') ===
          request.entityRef.toLocaleLowerCase('en-US') &&
        WAITING.has(run.status),
    );
  }

  async afterApproval(
    request: ApprovalRequest,
    component: Entity,
    approver: string,
    now: Date,
  ): Promise<ApprovalRequest> {
    if (
      request.state !== 'approved' ||
      request.external ||
      request.deployRun ||
      (await this.pipelineWaits(request))
    ) {
      return request;
    }
    const claim = {
      provider:
        component.metadata.annotations?.[ANNOTATION_DEPLOY_PIPELINE_PROVIDER] ??
        'tekton',
      startedBy: approver,
      startedAt: now.toISOString(),
    };
    if (!(await this.deps.approvalsStore.claimDeployRun(request.id, claim))) {
      return (await this.deps.approvalsStore.get(request.id, now)) ?? request;
    }
    let deployRun;
    try {
      const started = await this.deps.deployPipelines.start(
        component,
        {
          environment: request.environment,
          revision: request.revision,
          version: request.version,
        },
        approver,
      );
      deployRun = { ...claim, ...started };
    } catch (error) {
      this.deps.logger.warn(
        `Approved promotion ${request.id} of ${request.entityRef} to ${request.environment}: the deploy run did not start`,
        error as Error,
      );
      deployRun = { ...claim, error: (error as Error).message };
    }
    await this.deps.approvalsStore.recordDeployRun(request.id, deployRun);
    return { ...request, deployRun };
  }
}
