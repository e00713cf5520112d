import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ApprovalRequest,
  ApprovalRequestDetails,
  deliveryApprovalCreatePermission,
  deliveryApprovalDecidePermission,
  deliveryRunReadPermission,
} from '@slipway/plugin-delivery-common';
import { Request, Router } from 'express';
import { ApprovalService } from '../../approvals/ApprovalService';
import { ApprovalsStore } from '../../approvals/ApprovalsStore';
import { authorize } from './authorize';
import {
  parseApprovalList,
  parseCancel,
  parseCreateApproval,
  parseDecision,
} from './approvalInputs';
import { RouteDeps } from './RouteDeps';

export interface ApprovalRouteDeps extends RouteDeps {
  approvals: ApprovalService;
  approvalsStore: ApprovalsStore;
}

type AuditMeta = Parameters<AuditorService['createEvent']>[0]['meta'];

const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type?: string }).type === 'user';

/** `user:default/ada`, or `service:<subject>` for a pipeline's token. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!.toLocaleLowerCase('en-US')
    : `service:${principal.subject ?? 'unknown'}`;
}

/**
 * Approval requests: create (users and pipelines), list and read, decide (users, resource
 * permission on the request plus catalog eligibility), cancel (the requester). Every change is
 * audited and kept in the request's history.
 */
export function registerApprovalRoutes(
  router: Router,
  deps: ApprovalRouteDeps,
) {
  const mayDecide = async (id: string, credentials: BackstageCredentials) => {
    const [decision] = await deps.permissions.authorize(
      [{ permission: deliveryApprovalDecidePermission, resourceRef: id }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  };

  const details = async (
    request: ApprovalRequest,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestDetails> => {
    const user = isUser(credentials) ? principalRef(credentials) : undefined;
    let viewer = deps.approvals.viewer(request, user);
    if (viewer.canDecide && !(await mayDecide(request.id, credentials))) {
      viewer = {
        canDecide: false,
        reason: 'The permission policy does not allow you to decide',
      };
    }
    return {
      ...request,
      history: await deps.approvalsStore.history(request.id),
      viewer,
    };
  };

  const audited = async <T>(
    req: Request,
    eventId: string,
    meta: AuditMeta,
    fn: () => Promise<T>,
  ): Promise<T> => {
    const event = await deps.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.post('/approvals', async (req, res) => {
    const credentials = await authorize(
      deps,
      req,
      deliveryApprovalCreatePermission,
    );
    const input = parseCreateApproval(req.body);
    const requestedBy = principalRef(credentials);
    const { request } = await audited(
      req,
      'approval-request',
      {
        entityRef: input.entityRef,
        environment: input.environment,
        revision: input.revision,
        requestedBy,
      },
      () => deps.approvals.create(input, requestedBy, new Date()),
    );
    res.status(201).json(await details(request, credentials));
  });

  router.get('/approvals', async (req, res) => {
    const credentials = await authorize(deps, req, deliveryRunReadPermission);
    const query = parseApprovalList(req.query);
    if (query.mine && !isUser(credentials)) {
      throw new NotAllowedError('mine=true needs a user');
    }
    res.json(
      await deps.approvalsStore.list(
        {
          states: query.state,
          entityRef: query.entityRef,
          environment: query.environment,
          awaitingUser: query.mine ? principalRef(credentials) : undefined,
          limit: query.limit,
          cursor: query.cursor,
        },
        new Date(),
      ),
    );
  });

  router.get('/approvals/:id', async (req, res) => {
    const credentials = await authorize(deps, req, deliveryRunReadPermission);
    const request = await deps.approvalsStore.get(req.params.id, new Date());
    if (!request)
      throw new NotFoundError(`No approval request '${req.params.id}'`);
    res.json(await details(request, credentials));
  });

  router.post('/approvals/:id/decisions', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const { id } = req.params;
    if (!(await mayDecide(id, credentials))) {
      throw new NotAllowedError(
        `Not allowed: ${deliveryApprovalDecidePermission.name}`,
      );
    }
    const input = parseDecision(req.body);
    const userRef = principalRef(credentials);
    const request = await audited(
      req,
      'approval-decide',
      { id, decision: input.decision, userRef },
      () =>
        deps.approvals.decide(
          id,
          userRef,
          input.decision,
          input.comment,
          new Date(),
        ),
    );
    res.status(201).json(await details(request, credentials));
  });

  router.post('/approvals/:id/cancel', async (req, res) => {
    const credentials = await authorize(
      deps,
      req,
      deliveryApprovalCreatePermission,
    );
    const { id } = req.params;
    const input = parseCancel(req.body);
    const actor = principalRef(credentials);
    const now = new Date();
    const current = await deps.approvalsStore.get(id, now);
    if (!current) throw new NotFoundError(`No approval request '${id}'`);
    if (isUser(credentials) && current.requestedBy !== actor) {
      throw new NotAllowedError(
        `Only ${current.requestedBy}, who asked, can cancel this request`,
      );
    }
    const request = await audited(req, 'approval-cancel', { id, actor }, () =>
      deps.approvalsStore.cancel(id, actor, now, input.comment),
    );
    res.json(await details(request, credentials));
  });
}
