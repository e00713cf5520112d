import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  deliveryRunReadPermission,
  PipelineRunWithTasks,
} from '@slipway/plugin-delivery-common';
import { Request, Router } from 'express';
import { parseRunsQuery, parseStatsQuery } from '../parseQuery';
import {
  computePipelineStats,
  weeklyPipelineStats,
} from '../stats/computePipelineStats';
import { callerOf, readEntity } from './guard';
import { RouteDeps } from './RouteDeps';

const DAY_MS = 86_400_000;

/**
 * A run the caller may use with the permission: 404 for a run that does not exist, has no
 * entity, or belongs to an entity the caller cannot see (one message for all three); 403 when
 * the policy denies.
 */
export async function runFor(
  deps: RouteDeps,
  credentials: BackstageCredentials,
  uid: string,
  permission: ResourcePermission,
): Promise<PipelineRunWithTasks> {
  const run = await deps.store.getRun(uid);
  await deps.access.require(
    credentials,
    run?.entityRef,
    permission,
    `No pipeline run with uid '${uid}'`,
  );
  return run!;
}

/** A run the caller may read. */
export async function readableRun(
  deps: RouteDeps,
  req: Request,
  uid: string,
): Promise<PipelineRunWithTasks> {
  return runFor(
    deps,
    await callerOf(deps, req),
    uid,
    deliveryRunReadPermission,
  );
}

/** Read routes: an entity's runs (paged), one run with its tasks, pipeline statistics. */
export function registerRunReadRoutes(router: Router, deps: RouteDeps) {
  const { store } = deps;

  router.get('/entities/:kind/:namespace/:name/runs', async (req, res) => {
    const { entityRef } = await readEntity(
      deps,
      req,
      deliveryRunReadPermission,
    );
    const query = parseRunsQuery(req.query);
    res.json(await store.listRuns({ entityRef, ...query }));
  });

  router.get(
    '/entities/:kind/:namespace/:name/pipeline-stats',
    async (req, res) => {
      const { entityRef } = await readEntity(
        deps,
        req,
        deliveryRunReadPermission,
      );
      const { days, series } = parseStatsQuery(req.query);
      const to = new Date();
      const from = new Date(to.getTime() - days * DAY_MS);
      const facts = await store.listRunFacts(entityRef, from, to);
      res.json({
        from: from.toISOString(),
        to: to.toISOString(),
        pipelines: computePipelineStats(facts),
        series: series ? weeklyPipelineStats(facts, from, to) : undefined,
      });
    },
  );

  router.get('/runs/:uid', async (req, res) => {
    res.json(await readableRun(deps, req, req.params.uid));
  });
}
