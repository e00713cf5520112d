import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { deliveryRunReadPermission } from '@slipway/plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import { DeliveryStore } from '../database/DeliveryStore';
import { entityRefFromParams } from './entityRefFromParams';
import { parseRunsQuery } from './parseRunsQuery';
import { requirePermission } from './requirePermission';

export interface RouterOptions {
  store: DeliveryStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
}

/**
 * The REST API under /api/delivery. Every route needs user or service credentials; the
 * plugin opens no unauthenticated paths.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/entities/:kind/:namespace/:name/runs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromParams(req.params);
    const query = parseRunsQuery(req.query);
    await requirePermission(
      permissions,
      deliveryRunReadPermission,
      credentials,
    );
    res.json(await store.listRuns({ entityRef, ...query }));
  });

  router.get('/runs/:uid', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(
      permissions,
      deliveryRunReadPermission,
      credentials,
    );
    const run = await store.getRun(req.params.uid);
    if (!run) {
      throw new NotFoundError(`No pipeline run with uid '${req.params.uid}'`);
    }
    res.json(run);
  });

  return router;
}
