import express from 'express';
import Router from 'express-promise-router';
import { RouteDeps } from './routes/RouteDeps';
import { registerRunActionRoutes } from './routes/runActions';
import { registerRunReadRoutes } from './routes/runReads';

export type RouterOptions = RouteDeps;

/**
 * The REST API under /api/delivery. Every route needs credentials; the plugin opens no
 * unauthenticated paths (signed webhooks will be the only exception).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  registerRunReadRoutes(router, options);
  registerRunActionRoutes(router, options);
  return router;
}
