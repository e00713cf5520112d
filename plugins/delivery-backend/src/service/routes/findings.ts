import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  deliveryFindingReadPermission,
  deliveryFindingSuppressPermission,
  Finding,
} from '@slipway/plugin-delivery-common';
import { Router } from 'express';
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
    const notFound = `No finding with id '${id}'`;
    if (!finding) throw new NotFoundError(notFound);
    await deps.access.require(
      credentials,
      finding.entityRef,
      permission,
      notFound,
    );
    return finding;
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

  router.post('/findings/:id/suppress', async (req, res) => {
    const finding = await auditedAction(
      deps,
      req,
      {
        eventId: 'finding-suppress',
        meta: { findingId: req.params.id },
        allow: ['user'],
      },
      async credentials => {
        const { id, entityRef } = await findingFor(
          credentials,
          req.params.id,
          deliveryFindingSuppressPermission,
        );
        const now = new Date();
        const input = parseSuppression(req.body, now);
        const author = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        await findings.suppress(id, { ...input, author }, now);
        return {
          result: await findings.getFinding(id, now, config.slaDays),
          changed: {
            entityRef,
            reason: input.reason,
            expiresAt: input.expiresAt.toISOString(),
          },
        };
      },
    );
    res.status(201).json(finding);
  });

  router.post('/findings/:id/unsuppress', async (req, res) => {
    const finding = await auditedAction(
      deps,
      req,
      {
        eventId: 'finding-unsuppress',
        meta: { findingId: req.params.id },
        allow: ['user'],
      },
      async credentials => {
        const { id, entityRef } = await findingFor(
          credentials,
          req.params.id,
          deliveryFindingSuppressPermission,
        );
        const now = new Date();
        const revoked = await findings.unsuppress(
          id,
          (credentials.principal as { userEntityRef: string }).userEntityRef,
          now,
        );
        if (!revoked) {
          throw new NotFoundError(`Finding '${id}' has no active suppression`);
        }
        return {
          result: await findings.getFinding(id, now, config.slaDays),
          changed: { entityRef },
        };
      },
    );
    res.json(finding);
  });
}
