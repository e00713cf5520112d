import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  PipelineRunPage,
  PipelineRunWithTasks,
} from '@slipway/plugin-delivery-common';
import { DeliveryApi, ListRunsRequest } from './DeliveryApi';

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
    const path = `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
      namespace,
    )}/${encodeURIComponent(name)}/runs`;
    const query = params.toString();
    return this.get(query ? `${path}?${query}` : path);
  }

  async getRun(uid: string): Promise<PipelineRunWithTasks> {
    return this.get(`/runs/${encodeURIComponent(uid)}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('delivery');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
