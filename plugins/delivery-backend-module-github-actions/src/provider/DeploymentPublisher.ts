import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DeploymentEventBody } from '../github/mapDeployment';

const BATCH = 500;

/**
 * Hands finished GitHub deployments to the delivery backend's generic ingestion route
 * (`POST /api/delivery/events/deployments`, idempotent by id) with this plugin's own service
 * credentials, so they feed DORA exactly as deployments reported by any other CI do.
 */
export class DeploymentPublisher {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async publish(deployments: DeploymentEventBody[]): Promise<void> {
    for (let i = 0; i < deployments.length; i += BATCH) {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'delivery',
      });
      const base = await this.deps.discovery.getBaseUrl('delivery');
      const res = await fetch(`${base}/events/deployments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(deployments.slice(i, i + BATCH)),
      });
      if (!res.ok) {
        throw await ResponseError.fromResponse(res);
      }
    }
  }
}
