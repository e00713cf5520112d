import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ApprovalRequest,
  ApprovalRequestDetails,
  deliveryApprovalCreatePermission,
  deliveryApprovalDecidePermission,
  deliveryApprovalReadPermission,
} from '@slipway/plugin-delivery-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Router } from 'express';
import { PromotionDeploys } from '../../approvals/deploy/PromotionDeploys';
import { ApprovalService } from '../../approvals/ApprovalService';
import { ApprovalsStore } from '../../approvals/ApprovalsStore';
import { auditedAction, callerOf } from './guard';
import {
  parseApprovalList,
  parseCancel,
  parseCreateApproval,
  parseDecision,
} from './approvalInputs';
import { RouteDeps } from './RouteDeps';
import { principalRef } from './principalRef';

export { principalRef };

export interface ApprovalRouteDeps extends RouteDeps {
  approvals: ApprovalService;
  approvalsStore: ApprovalsStore;
  /** Starts the deploy run of an approved promotion no pipeline waits for. */
  promotions: PromotionDeploys;
}

const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type?: string }).type === 'user';

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

  /** A request the caller may use with the permission; 404 also when its entity is hidden. */
  const requestWithEntity = async (
    credentials: BackstageCredentials,
    id: string,
    permission: ResourcePermission,
  ) => {
    const request = await deps.approvalsStore.get(id, new Date());
    const entity = await deps.access.require(
      credentials,
      request?.entityRef,
      permission,
      `No approval request '${id}'`,
    );
    return { request: request!, entity };
  };
  const requestFor = async (
    credentials: BackstageCredentials,
    id: string,
    permission: ResourcePermission,
  ): Promise<ApprovalRequest> =>
    (await requestWithEntity(credentials, id, permission)).request;

  router.post('/approvals', async (req, res) => {
    const body = await auditedAction(
      deps,
      req,
      { eventId: 'approval-request', meta: {} },
      async credentials => {
        const input = parseCreateApproval(req.body);
        await deps.access.require(
          credentials,
          input.entityRef,
          deliveryApprovalCreatePermission,
        );
        const requestedBy = principalRef(credentials);
        const create = async () => {
          const { request } = await deps.approvals.create(
            input,
            requestedBy,
            new Date(),
          );
          return { status: 201, body: await details(request, credentials) };
        };
        // a retried request (same Idempotency-Key) answers the first one and supersedes nothing
        const answer = await deps.idempotency.perRequest(
          req.headers['idempotency-key'],
          {
            principal: requestedBy,
            action: 'approval-request',
            target: `${input.entityRef}#${input.environment}`,
          },
          create,
        );
        const request = answer.body as ApprovalRequestDetails;
        return {
          result: request,
          changed: {
            id: request.id,
            entityRef: request.entityRef,
            environment: request.environment,
            revision: request.revision ?? null,
            requestedBy,
            replayed: answer.replayed,
          },
        };
      },
    );
    res.status(201).json(body);
  });

  router.get('/approvals', async (req, res) => {
    const credentials = await callerOf(deps, req);
    const query = parseApprovalList(req.query);
    if (query.mine && !isUser(credentials)) {
      throw new NotAllowedError('mine=true needs a user');
    }
    if (query.entityRef) {
      await deps.access.require(
        credentials,
        query.entityRef,
        deliveryApprovalReadPermission,
      );
    }
    const page = await deps.approvalsStore.list(
      {
        states: query.state,
        entityRef: query.entityRef,
        environment: query.environment,
        awaitingUser: query.mine ? principalRef(credentials) : undefined,
        limit: query.limit,
        cursor: query.cursor,
      },
      new Date(),
    );
    const { allowed } = await deps.access.filter(
      credentials,
      page.items.map(r => r.entityRef),
      deliveryApprovalReadPermission,
    );
    const readable = new Set(allowed);
    const items = page.items.filter(r =>
      readable.has(r.entityRef.toLocaleLowerCase('en-US')),
    );
    res.json({ ...page, items, omitted: page.items.length - items.length });
  });

  router.get('/approvals/:id', async (req, res) => {
    const credentials = await callerOf(deps, req);
    const request = await requestFor(
      credentials,
      req.params.id,
      deliveryApprovalReadPermission,
    );
    // the gates as they are now (a pipeline polls here while it waits)
    res.json(
      await details(
        await deps.approvals.refresh(request, new Date()),
        credentials,
      ),
    );
  });

  router.post('/approvals/:id/decisions', async (req, res) => {
    const { id } = req.params;
    const body = await auditedAction(
      deps,
      req,
      { eventId: 'approval-decide', meta: { id }, allow: ['user'] },
      async credentials => {
        const { request: current, entity } = await requestWithEntity(
          credentials,
          id,
          deliveryApprovalReadPermission,
        );
        if (!(await mayDecide(id, credentials))) {
          throw new NotAllowedError(
            `The permission policy does not let you decide approval requests of ${current.entityRef} (${deliveryApprovalDecidePermission.name})`,
          );
        }
        const input = parseDecision(req.body);
        const userRef = principalRef(credentials);
        const now = new Date();
        const decided = await deps.approvals.decide(
          id,
          userRef,
          input.decision,
          input.comment,
          now,
        );
        // approved with no pipeline waiting: the deploy pipeline starts, as this approver
        const request = await deps.promotions.afterApproval(
          decided,
          entity,
          userRef,
          now,
        );
        // the deploy run this decision started, if any
        const started = decided.deployRun ? undefined : request.deployRun;
        return {
          result: await details(request, credentials),
          changed: {
            entityRef: request.entityRef,
            decision: input.decision,
            state: request.state,
            userRef,
            ...(started && {
              deployRun: started.uid ??
                started.name ?? { error: started.error! },
            }),
          },
        };
      },
    );
    res.status(201).json(body);
  });

  router.post('/approvals/:id/cancel', async (req, res) => {
    const { id } = req.params;
    const body = await auditedAction(
      deps,
      req,
      { eventId: 'approval-cancel', meta: { id } },
      async credentials => {
        const input = parseCancel(req.body);
        const current = await requestFor(
          credentials,
          id,
          deliveryApprovalCreatePermission,
        );
        const actor = principalRef(credentials);
        if (isUser(credentials) && current.requestedBy !== actor) {
          throw new NotAllowedError(
            `Only ${current.requestedBy}, who asked, can cancel this request`,
          );
        }
        const request = await deps.approvalsStore.cancel(
          id,
          actor,
          new Date(),
          input.comment,
        );
        return {
          result: await details(request, credentials),
          changed: { entityRef: request.entityRef, actor },
        };
      },
    );
    res.json(body);
  });
}
