import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';

const short = (revision: string) =>
  /^[0-9a-f]{12,}$/.test(revision) ? revision.slice(0, 7) : revision;

const entityName = (request: ApprovalRequest) =>
  request.entityRef.replace(/^[^:]+:[^/]+\//, '');

/**
 * Tells people about approval requests through the Backstage notifications service: the
 * eligible approvers when a request is made, the requester when it closes. A portal without
 * the notifications backend loses only the notification, never the request.
 */
export class ApprovalNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
    private readonly linkFor: (request: ApprovalRequest) => string,
  ) {}

  async requested(request: ApprovalRequest): Promise<void> {
    if (request.state !== 'pending') return;
    const approvers = [...new Set(request.rules.flatMap(r => r.eligible))];
    await this.send(request, approvers, {
      title: `Approval needed: ${entityName(request)} to ${
        request.environment
      }`,
      description: `${request.requestedBy} asks to promote revision ${short(
        request.revision,
      )} of ${request.entityRef} to ${request.environment}.`,
      severity: request.tier === 'production' ? 'high' : 'normal',
    });
  }

  async closed(request: ApprovalRequest): Promise<void> {
    if (!request.requestedBy.startsWith('user:')) return;
    await this.send(request, [request.requestedBy], {
      title: `Promotion ${request.state}: ${entityName(request)} to ${
        request.environment
      }`,
      description: `Your request to promote ${short(request.revision)} to ${
        request.environment
      } was ${request.state}.`,
      severity: request.state === 'approved' ? 'normal' : 'high',
    });
  }

  private async send(
    request: ApprovalRequest,
    users: string[],
    payload: {
      title: string;
      description: string;
      severity: 'high' | 'normal';
    },
  ) {
    if (!this.notifications || users.length === 0) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: users },
        payload: {
          ...payload,
          link: this.linkFor(request),
          topic: 'slipway-approvals',
          scope: `approval:${request.id}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not notify about approval request ${request.id}: ${error}`,
      );
    }
  }
}
