import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ApprovalRequest,
  ApprovalRequestDetails,
  ExternalApprovalInfo,
} from '@slipway/plugin-delivery-common';
import { ApprovalSourceRegistry } from './ApprovalSourceRegistry';
import { ExternalApprovalSync } from './ExternalApprovalSync';
import { unresolvedReason } from './unresolvedReason';

type Viewer = ApprovalRequestDetails['viewer'];

function approverNames(external: ExternalApprovalInfo): string {
  return external.approvers
    .map(a => (a.type === 'group' ? `group ${a.name}` : a.name))
    .join(', ');
}

/**
 * Decisions on requests that mirror another system's approval objects. The source decides; a
 * decision made in Slipway is written to the source as the user's mapped identity, and the
 * request is updated from what the source answers. Without a mapped identity the request is
 * read-only in Slipway and the viewer gets the command to run instead.
 */
export class ExternalApprovals {
  constructor(
    private readonly sources: ApprovalSourceRegistry,
    private readonly sync: ExternalApprovalSync,
  ) {}

  viewer(request: ApprovalRequest, userRef?: string): Viewer {
    const external = request.external!;
    const command = external.commands.approve;
    if (!userRef) return { canDecide: false, reason: 'Only users decide' };
    if (request.state !== 'pending') {
      return { canDecide: false, reason: `The request is ${request.state}` };
    }
    if (request.decisions.some(d => d.userRef === userRef)) {
      return { canDecide: false, reason: 'You have already decided' };
    }
    if (request.excluded.includes(userRef)) {
      return {
        canDecide: false,
        reason: 'You triggered or authored this promotion',
      };
    }
    if (request.blockedByUnresolved) {
      return { canDecide: false, reason: unresolvedReason(request) };
    }
    if (!request.rules.some(r => r.eligible.includes(userRef))) {
      return {
        canDecide: false,
        reason: `Slipway knows you as none of this ${
          external.source
        } object's approvers (${approverNames(
          external,
        )}); an approver decides with the command`,
        command,
      };
    }
    if (!this.sources.get(external.source)?.canWriteFor(userRef)) {
      return {
        canDecide: false,
        reason: `Slipway cannot write to ${external.source} as you; decide with the command`,
        command,
      };
    }
    return { canDecide: true };
  }

  async decide(
    request: ApprovalRequest,
    userRef: string,
    decision: 'approve' | 'reject',
    comment: string,
  ): Promise<ApprovalRequest> {
    const external = request.external!;
    const viewer = this.viewer(request, userRef);
    if (!viewer.canDecide) {
      const message = `${viewer.reason}${
        viewer.command
          ? `: ${
              decision === 'approve'
                ? external.commands.approve
                : external.commands.reject
            }`
          : ''
      }`;
      if (request.state !== 'pending' || viewer.reason?.includes('already')) {
        throw new ConflictError(message);
      }
      throw new NotAllowedError(message);
    }
    const failing = request.gates.filter(g => !g.passed);
    if (decision === 'approve' && failing.length > 0) {
      throw new ConflictError(
        `Cannot approve while gates fail: ${failing
          .map(g => `${g.name}: ${g.detail}`)
          .join('; ')}`,
      );
    }
    const source = this.sources.get(external.source)!;
    const record = await source.decide({
      key: external.key,
      userRef,
      decision,
      comment,
    });
    return (await this.sync.upsert(external.source, record)) ?? request;
  }
}
