import { NotFoundError } from '@backstage/errors';
import {
  deliveryFindingSuppressPermission,
  deliveryRunReadPermission,
} from '@slipway/plugin-delivery-common';
import { Router } from 'express';
import { entityRefFromParams } from '../entityRefFromParams';
import { requirePermission } from '../requirePermission';
import { authorize } from './authorize';
import { FindingRouteDeps, gateFor } from './FindingRouteDeps';
import { parseFindingsQuery, parseSuppression } from './findingsQueries';

/** List, gate and suppression routes of security findings. */
export function registerFindingRoutes(router: Router, deps: FindingRouteDeps) {
  const { findings, findingsConfig: config } = deps;

  router.get('/entities/:kind/:namespace/:name/findings', async (req, res) => {
    await authorize(deps, req, deliveryRunReadPermission);
    const entityRef = entityRefFromParams(req.params);
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
      await authorize(deps, req, deliveryRunReadPermission);
      res.json(
        await gateFor(deps, entityRefFromParams(req.params), new Date()),
      );
    },
  );

  router.get('/findings/:id', async (req, res) => {
    await authorize(deps, req, deliveryRunReadPermission);
    const finding = await findings.getFinding(
      req.params.id,
      new Date(),
      config.slaDays,
    );
    if (!finding)
      throw new NotFoundError(`No finding with id '${req.params.id}'`);
    res.json(finding);
  });

  router.post('/findings/:id/suppress', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user'],
    });
    await requirePermission(
      deps.permissions,
      deliveryFindingSuppressPermission,
      credentials,
    );
    const now = new Date();
    const input = parseSuppression(req.body, now);
    const author = credentials.principal.userEntityRef;
    const event = await deps.auditor.createEvent({
      eventId: 'finding-suppress',
      severityLevel: 'medium',
      request: req,
      meta: {
        findingId: req.params.id,
        reason: input.reason,
        expiresAt: input.expiresAt.toISOString(),
      },
    });
    try {
      await findings.suppress(req.params.id, { ...input, author }, now);
      await event.success();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    res
      .status(201)
      .json(await findings.getFinding(req.params.id, now, config.slaDays));
  });

  router.post('/findings/:id/unsuppress', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user'],
    });
    await requirePermission(
      deps.permissions,
      deliveryFindingSuppressPermission,
      credentials,
    );
    const now = new Date();
    const event = await deps.auditor.createEvent({
      eventId: 'finding-unsuppress',
      severityLevel: 'medium',
      request: req,
      meta: { findingId: req.params.id },
    });
    const revoked = await findings.unsuppress(
      req.params.id,
      credentials.principal.userEntityRef,
      now,
    );
    await event.success({ meta: { revoked } });
    if (!revoked)
      throw new NotFoundError(
        `Finding '${req.params.id}' has no active suppression`,
      );
    res.json(await findings.getFinding(req.params.id, now, config.slaDays));
  });
}
