import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  deliveryFindingReadPermission,
  deliveryFindingSuppressPermission,
  Finding,
} from '@slipway/plugin-delivery-common';
import { JsonObject } from '@backstage/types';
import { Request, Response, Router } from 'express';
import { auditedAction, callerOf, readEntity } from './guard';
import { FindingRouteDeps, gateFor } from './FindingRouteDeps';
import { parseFindingsQuery, parseSuppression } from './findingsQueries';

/** Finding ids are database row ids: a positive integer that fits a bigint. */
export function parseFindingId(id: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    throw new InputError(
      `Invalid finding id '${id.slice(0, 40)}': must be a positive integer`,
    );
  }
  return id;
}

/** List, gate and suppression routes of security findings. */
export function registerFindingRoutes(router: Router, deps: FindingRouteDeps) {
  const { findings, findingsConfig: config } = deps;

  /** A finding the caller may use with the permission; 404 also when its entity is hidden. */
  const findingFor = async (
    credentials: BackstageCredentials,
    rawId: string,
    permission: ResourcePermission,
  ): Promise<Finding> => {
    const id = parseFindingId(rawId);
    const finding = await findings.getFinding(id, new Date(), config.slaDays);
    await deps.access.require(
      credentials,
      finding?.entityRef,
      permission,
      `No finding with id '${id}'`,
    );
    return finding!;
  };

  router.get('/entities/:kind/:namespace/:name/findings', async (req, res) => {
    const { entityRef } = await readEntity(
      deps,
      req,
      deliveryFindingReadPermission,
    );
    const query = parseFindingsQuery(req.query);
    res.json(
      await findings.listFindings(
        { entityRef, ...query },
        new Date(),
        config.slaDays,
      ),
    );
  });

  router.get(
    '/entities/:kind/:namespace/:name/security-gate',
    async (req, res) => {
      const { entityRef } = await readEntity(
        deps,
        req,
        deliveryFindingReadPermission,
      );
      res.json(await gateFor(deps, entityRef, new Date()));
    },
  );

  router.get('/findings/:id', async (req, res) => {
    const credentials = await callerOf(deps, req);
    res.json(
      await findingFor(
        credentials,
        req.params.id,
        deliveryFindingReadPermission,
      ),
    );
  });

  /**
   * A change to a finding's suppression by a user, audited: the finding (404 also when its entity
   * is hidden), `delivery.finding.suppress` on its entity, then the change; answers the finding.
   */
  const suppressionChange =
    (
      eventId: string,
      status: number,
      change: (
        finding: Finding,
        author: string,
        now: Date,
        body: unknown,
      ) => Promise<JsonObject>,
    ) =>
    async (req: Request, res: Response) => {
      const finding = await auditedAction(
        deps,
        req,
        { eventId, meta: { findingId: req.params.id }, allow: ['user'] },
        async credentials => {
          const current = await findingFor(
            credentials,
            req.params.id,
            deliveryFindingSuppressPermission,
          );
          const now = new Date();
          const author = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          const changed = await change(current, author, now, req.body);
          return {
            result: await findings.getFinding(current.id, now, config.slaDays),
            changed: { entityRef: current.entityRef, ...changed },
          };
        },
      );
      res.status(status).json(finding);
    };

  router.post(
    '/findings/:id/suppress',
    suppressionChange('finding-suppress', 201, async (f, author, now, body) => {
      const input = parseSuppression(body, now);
      await findings.suppress(f.id, { ...input, author }, now);
      return { reason: input.reason, expiresAt: input.expiresAt.toISOString() };
    }),
  );

  router.post(
    '/findings/:id/unsuppress',
    suppressionChange('finding-unsuppress', 200, async (f, author, now) => {
      if (!(await findings.unsuppress(f.id, author, now))) {
        throw new NotFoundError(`Finding '${f.id}' has no active suppression`);
      }
      return {};
    }),
  );
}
