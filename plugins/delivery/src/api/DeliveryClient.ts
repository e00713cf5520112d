import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApprovalPage,
  ApprovalRequestDetails,
  CreateApprovalRequest,
  EnvironmentsView,
  DoraRecordsResponse,
  DoraReport,
  DoraRollupReport,
  FindingTrendPoint,
  SecurityPostureRow,
  Finding,
  FindingPage,
  SecurityGateVerdict,
  SuppressionReason,
  EntityPipelineStats,
  PipelineDefinition,
  PipelineRunPage,
  PipelineRunWithTasks,
  PipelineSummaryList,
  StartedRun,
  StartRunRequest,
} from '@slipway/plugin-delivery-common';
import {
  DeliveryApi,
  DoraRequest,
  ListApprovalsRequest,
  ListFindingsRequest,
  ListRunsRequest,
  RollbackStartedRun,
  TaskLogsResponse,
} from './DeliveryApi';

/**
 * The {@link DeliveryApi} over HTTP, through the discovery and fetch APIs (which add the user's
 * token).
 *
 * @public
 */
export class DeliveryClient implements DeliveryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listRuns(request: ListRunsRequest): Promise<PipelineRunPage> {
    const { kind, namespace, name } = request.entity;
    const params = new URLSearchParams();
    if (request.limit) params.set('limit', String(request.limit));
    if (request.cursor) params.set('cursor', request.cursor);
    if (request.status?.length) params.set('status', request.status.join(','));
    if (request.pipeline) params.set('pipeline', request.pipeline);
    if (request.branch) params.set('branch', request.branch);
    if (request.provider) params.set('provider', request.provider);
    if (request.since) params.set('since', request.since);
    if (request.order) params.set('order', request.order);
    const query = params.toString();
    const path = `${entityPath({ kind, namespace, name })}/runs`;
    return this.request(query ? `${path}?${query}` : path);
  }

  async getRun(uid: string): Promise<PipelineRunWithTasks> {
    return this.request(`/runs/${encodeURIComponent(uid)}`);
  }

  async getTaskLogs(uid: string, task: string): Promise<TaskLogsResponse> {
    return this.request(
      `/runs/${encodeURIComponent(uid)}/tasks/${encodeURIComponent(task)}/logs`,
    );
  }

  async rerun(uid: string): Promise<{ name: string; uid?: string }> {
    return this.request(`/runs/${encodeURIComponent(uid)}/rerun`, 'POST');
  }

  async cancel(uid: string): Promise<void> {
    await this.request(`/runs/${encodeURIComponent(uid)}/cancel`, 'POST');
  }

  async listPipelines(entity: CompoundEntityRef): Promise<PipelineSummaryList> {
    return this.request(`${entityPath(entity)}/pipelines`);
  }

  async getPipelineDefinition(
    entity: CompoundEntityRef,
    provider: string,
    pipelineName: string,
  ): Promise<PipelineDefinition> {
    return this.request(
      `${entityPath(entity)}/pipelines/${encodeURIComponent(
        provider,
      )}/${encodeURIComponent(pipelineName)}`,
    );
  }

  async startRun(
    entity: CompoundEntityRef,
    request: StartRunRequest,
    idempotencyKey?: string,
  ): Promise<StartedRun> {
    return this.request(
      `${entityPath(entity)}/runs`,
      'POST',
      request,
      idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
    );
  }

  async getPipelineStats(
    entity: CompoundEntityRef,
    days = 30,
    series?: 'week',
  ): Promise<EntityPipelineStats> {
    const query = `days=${days}${series ? `&series=${series}` : ''}`;
    return this.request(`${entityPath(entity)}/pipeline-stats?${query}`);
  }

  async listFindings(request: ListFindingsRequest): Promise<FindingPage> {
    const params = new URLSearchParams();
    if (request.limit) params.set('limit', String(request.limit));
    if (request.cursor) params.set('cursor', request.cursor);
    if (request.status?.length) params.set('status', request.status.join(','));
    if (request.severity?.length)
      params.set('severity', request.severity.join(','));
    if (request.tool) params.set('tool', request.tool);
    if (request.category) params.set('category', request.category);
    const query = params.toString();
    const path = `${entityPath(request.entity)}/findings`;
    return this.request(query ? `${path}?${query}` : path);
  }

  async getSecurityGate(
    entity: CompoundEntityRef,
  ): Promise<SecurityGateVerdict> {
    return this.request(`${entityPath(entity)}/security-gate`);
  }

  async suppressFinding(
    id: string,
    suppression: {
      reason: SuppressionReason;
      comment: string;
      expiresAt: string;
    },
  ): Promise<Finding> {
    return this.request(
      `/findings/${encodeURIComponent(id)}/suppress`,
      'POST',
      suppression,
    );
  }

  async unsuppressFinding(id: string): Promise<Finding> {
    return this.request(
      `/findings/${encodeURIComponent(id)}/unsuppress`,
      'POST',
    );
  }

  async getFindingsTrend(
    entity: CompoundEntityRef,
    days = 90,
  ): Promise<{ points: FindingTrendPoint[] }> {
    return this.request(`${entityPath(entity)}/findings-trend?days=${days}`);
  }

  async getSecurityPosture(
    owner?: string,
  ): Promise<{ teams: SecurityPostureRow[] }> {
    const query = owner ? `?owner=${encodeURIComponent(owner)}` : '';
    return this.request(`/security/posture${query}`);
  }

  async getDora(
    request: DoraRequest & { entity: CompoundEntityRef },
  ): Promise<DoraReport> {
    return this.request(
      `${entityPath(request.entity)}/dora${doraQuery(request)}`,
    );
  }

  async getDoraRecords(
    request: DoraRequest & { entity: CompoundEntityRef },
  ): Promise<DoraRecordsResponse> {
    return this.request(
      `${entityPath(request.entity)}/dora/records${doraQuery(request)}`,
    );
  }

  async getDoraRollup(
    request: DoraRequest & {
      owner?: string;
      system?: string;
      entityRefs?: string[];
    },
  ): Promise<DoraRollupReport> {
    return this.request(
      `/dora${doraQuery(request, {
        owner: request.owner,
        system: request.system,
        entityRefs: request.entityRefs?.join(','),
      })}`,
    );
  }

  async getEnvironments(entity: CompoundEntityRef): Promise<EnvironmentsView> {
    return this.request(`${entityPath(entity)}/environments`);
  }

  async listApprovals(
    request: ListApprovalsRequest = {},
  ): Promise<ApprovalPage> {
    const params = new URLSearchParams();
    if (request.state?.length) params.set('state', request.state.join(','));
    if (request.mine) params.set('mine', 'true');
    if (request.entityRef) params.set('entityRef', request.entityRef);
    if (request.environment) params.set('environment', request.environment);
    if (request.limit) params.set('limit', String(request.limit));
    if (request.cursor) params.set('cursor', request.cursor);
    const query = params.toString();
    return this.request(`/approvals${query ? `?${query}` : ''}`);
  }

  async getApproval(id: string): Promise<ApprovalRequestDetails> {
    return this.request(`/approvals/${encodeURIComponent(id)}`);
  }

  async requestApproval(
    request: CreateApprovalRequest,
  ): Promise<ApprovalRequestDetails> {
    return this.request('/approvals', 'POST', request);
  }

  async decideApproval(
    id: string,
    decision: 'approve' | 'reject',
    comment: string,
  ): Promise<ApprovalRequestDetails> {
    return this.request(
      `/approvals/${encodeURIComponent(id)}/decisions`,
      'POST',
      { decision, comment },
    );
  }

  async cancelApproval(
    id: string,
    comment?: string,
  ): Promise<ApprovalRequestDetails> {
    return this.request(`/approvals/${encodeURIComponent(id)}/cancel`, 'POST', {
      comment,
    });
  }

  async rollback(
    entity: CompoundEntityRef,
    environment: string,
    version?: string,
  ): Promise<RollbackStartedRun> {
    return this.request(
      `${entityPath(entity)}/environments/${encodeURIComponent(
        environment,
      )}/rollback`,
      'POST',
      version ? { version } : {},
    );
  }

  private async request<T>(
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('delivery');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body
        ? {
            body: JSON.stringify(body),
            headers: { 'Content-Type': 'application/json', ...headers },
          }
        : { headers }),
    });
    if (!response.ok) {
      throw await backendError(response);
    }
    return (await response.json()) as T;
  }
}

/**
 * The error of a failed answer: a ResponseError (status, body and the backend's error as its
 * cause, for ResponseErrorPanel). Its message is the generic "Request failed with 403
 * Forbidden" unless the backend said why: a client error (403 "Only the owners of ... may ...",
 * 404, 400, 409) carries the backend's own message, so an alert built from the message shows
 * the reason.
 */
async function backendError(response: Response): Promise<ResponseError> {
  const error = await ResponseError.fromResponse(response);
  const said = error.cause?.message;
  if (error.statusCode >= 400 && error.statusCode < 500 && said) {
    error.message = said;
  }
  return error;
}

function doraQuery(
  request: DoraRequest,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({
    from: request.from,
    to: request.to,
    environment: request.environment,
    series: request.series,
    ...extra,
  })) {
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function entityPath(entity: CompoundEntityRef): string {
  const part = encodeURIComponent;
  return `/entities/${part(entity.kind)}/${part(entity.namespace)}/${part(
    entity.name,
  )}`;
}
