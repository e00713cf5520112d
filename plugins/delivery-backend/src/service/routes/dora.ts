import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  deliveryDoraReadPermission,
  DoraRollupReport,
} from '@slipway/plugin-delivery-common';
import { Router } from 'express';
import { z } from 'zod';
import { DoraOptions } from '../../dora';
import { doraReport, pooledDoraSummary } from '../doraReport';
import { parseQuery } from '../parseQuery';
import { callerOf, readEntity } from './guard';
import { resolveDoraScope } from './doraScope';
import { EventRouteDeps } from './events';
import { FindingRouteDeps } from './FindingRouteDeps';

const DAY = 86_400_000;
/** A drill-down holds every sample: it is answered for small scopes only. */
export const MAX_DRILL_DOWN_ENTITIES = 50;
const time = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const windowQuery = {
  from: time.optional(),
  to: time.optional(),
  environment: z.string().min(1).max(64).optional(),
  series: z.enum(['week']).optional(),
};
const entityQuery = z.object(windowQuery).strict();
const rollupQuery = z
  .object({
    ...windowQuery,
    entityRefs: z.string().min(3).optional(),
    owner: z.string().min(3).optional(),
    system: z.string().min(3).optional(),
    drillDown: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** Reads `delivery.dora`: production environments and the incident lag bound. */
export function readDoraOptions(config: RootConfigService): DoraOptions {
  const c = config.getOptionalConfig('delivery.dora');
  const lagHours = c?.getOptionalNumber('maxIncidentLagHours');
  return {
    productionEnvironments: c?.getOptionalStringArray(
      'productionEnvironments',
    ) ?? ['production', 'prod'],
    maxIncidentLagSeconds: lagHours === undefined ? undefined : lagHours * 3600,
  };
}

function window(q: { from?: string; to?: string }) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  if (from.getTime() >= to.getTime())
    throw new InputError('from must be before to');
  if (to.getTime() - from.getTime() > 366 * DAY)
    throw new InputError('The window may span at most 366 days');
  return { from, to };
}

/** DORA metrics of an entity and pooled roll-ups, with the records behind them. */
export function registerDoraRoutes(
  router: Router,
  deps: EventRouteDeps & FindingRouteDeps & { doraOptions: DoraOptions },
) {
  const options = (
    q: z.infer<typeof entityQuery>,
  ): DoraOptions & { series?: 'week' } => ({
    ...deps.doraOptions,
    ...(q.environment ? { productionEnvironments: [q.environment] } : {}),
    series: q.series,
  });
  const compute = async (
    entityRefs: string[],
    q: z.infer<typeof entityQuery>,
  ) => {
    const { report } = await doraReport(
      deps.events,
      entityRefs,
      window(q),
      options(q),
    );
    return report;
  };

  router.get('/entities/:kind/:namespace/:name/dora', async (req, res) => {
    const { entityRef } = await readEntity(
      deps,
      req,
      deliveryDoraReadPermission,
    );
    res.json(await compute([entityRef], parseQuery(entityQuery, req.query)));
  });

  router.get(
    '/entities/:kind/:namespace/:name/dora/records',
    async (req, res) => {
      const { entityRef } = await readEntity(
        deps,
        req,
        deliveryDoraReadPermission,
      );
      const { from, to } = window(parseQuery(entityQuery, req.query));
      const inWindow = (d: Date | undefined) =>
        Boolean(d) &&
        d!.getTime() >= from.getTime() &&
        d!.getTime() < to.getTime();
      // Commits shipped in the window belong there even when authored before it.
      const { records, report } = await doraReport(
        deps.events,
        [entityRef],
        { from, to },
        deps.doraOptions,
      );
      const shipped = new Set(report.drillDown.leadTimeSamples.map(t => t.sha));
      res.json({
        from: from.toISOString(),
        to: to.toISOString(),
        deployments: records.deployments.filter(d => inWindow(d.finishedAt)),
        changes: records.changes.filter(
          c => inWindow(c.authoredAt) || shipped.has(c.sha),
        ),
        incidents: records.incidents.filter(
          i => inWindow(i.startedAt) || inWindow(i.resolvedAt),
        ),
      });
    },
  );

  router.get('/dora', async (req, res) => {
    const credentials = await callerOf(deps, req);
    const { drillDown, ...q } = parseQuery(rollupQuery, req.query);
    const scope = await resolveDoraScope(deps.catalog, q, credentials);
    // Only entities the caller may see and read the DORA metrics of; the rest are counted.
    const { allowed: entityRefs, omitted } = await deps.access.filter(
      credentials,
      scope,
      deliveryDoraReadPermission,
    );
    if (drillDown === 'true' && entityRefs.length > MAX_DRILL_DOWN_ENTITIES) {
      throw new InputError(
        `drillDown=true pools at most ${MAX_DRILL_DOWN_ENTITIES} entities; this scope has ${entityRefs.length}: ask per entity or without drillDown`,
      );
    }
    // Pooled over many entities, the samples behind the numbers are large: only when asked.
    const report =
      drillDown === 'true'
        ? await compute(entityRefs, q)
        : await pooledDoraSummary(
            deps.events,
            entityRefs,
            window(q),
            options(q),
          );
    const body: DoraRollupReport = {
      entityRefs,
      omittedEntities: omitted,
      ...report,
    };
    res.json(body);
  });
}
