import express from 'express';
import Router from 'express-promise-router';
import { DoraOptions } from '../dora';
import { registerApprovalRoutes } from './routes/approvals';
import { registerDoraRoutes } from './routes/dora';
import {
  EnvironmentRouteDeps,
  registerEnvironmentRoutes,
} from './routes/environments';
import { EventRouteDeps, registerEventRoutes } from './routes/events';
import { FindingRouteDeps } from './routes/FindingRouteDeps';
import { registerFindingRoutes } from './routes/findings';
import { registerFindingTrendRoutes } from './routes/findingTrends';
import { registerFindingUploadRoute } from './routes/findingUpload';
import { registerRunActionRoutes } from './routes/runActions';
import { registerRunReadRoutes } from './routes/runReads';
import { registerStartRunRoutes } from './routes/startRun';
import { registerPipelineTokenKeyRoute } from './routes/pipelineTokenKeys';
import { PipelineTokenKey } from '@slipway/plugin-delivery-node';

export type RouterOptions = FindingRouteDeps &
  EventRouteDeps &
  EnvironmentRouteDeps & {
    doraOptions: DoraOptions;
    /** The key pipeline tokens are signed with, whose public half the JWKS route serves. */
    pipelineTokenKey?: PipelineTokenKey;
  };

/**
 * The REST API under /api/delivery. Every route needs credentials; the plugin opens no
 * unauthenticated paths (signed webhooks will be the only exception).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  registerPipelineTokenKeyRoute(router, options.pipelineTokenKey);
  registerFindingUploadRoute(router, options);
  router.use(express.json({ limit: '1mb' }));
  registerRunReadRoutes(router, options);
  registerRunActionRoutes(router, options);
  registerStartRunRoutes(router, options);
  registerFindingRoutes(router, options);
  registerFindingTrendRoutes(router, options);
  registerEventRoutes(router, options);
  registerDoraRoutes(router, options);
  registerApprovalRoutes(router, options);
  registerEnvironmentRoutes(router, options);
  return router;
}
