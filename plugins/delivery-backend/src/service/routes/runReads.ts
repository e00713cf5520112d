import { NotFoundError } from '@backstage/errors';
import { deliveryRunReadPermission } from '@slipway/plugin-delivery-common';
import { Router } from 'express';
import { entityRefFromParams } from '../entityRefFromParams';
import { parseRunsQuery, parseStatsQuery } from '../parseQuery';
import {
  computePipelineStats,
  weeklyPipelineStats,
} from '../stats/computePipelineStats';
import { authorize } from './authorize';
import { RouteDeps } from './RouteDeps';

const DAY_MS = 86_400_000;

/** Read routes: an entity's runs (paged), one run with its tasks, pipeline statistics. */
export function registerRunReadRoutes(router: Router, deps: RouteDeps) {
  const { store } = deps;

  router.get('/entities/:kind/:namespace/:name/runs', async (req, res) => {
    await authorize(deps, req, deliveryRunReadPermission);
    const entityRef = entityRefFromParams(req.params);
    const query = parseRunsQuery(req.query);
    res.json(await store.listRuns({ entityRef, ...query }));
  });

  router.get(
    '/entities/:kind/:namespace/:name/pipeline-stats',
    async (req, res) => {
      await authorize(deps, req, deliveryRunReadPermission);
      const entityRef = entityRefFromParams(req.params);
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
    await authorize(deps, req, deliveryRunReadPermission);
    const run = await store.getRun(req.params.uid);
    if (!run) {
      throw new NotFoundError(`No pipeline run with uid '${req.params.uid}'`);
    }
    res.json(run);
  });
}
