import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { deliveryRunReadPermission } from '@slipway/plugin-delivery-common';
import { Router } from 'express';
import { z } from 'zod';
import { findingTrend, postureByOwner } from '../../findings/posture';
import { entityRefFromParams } from '../entityRefFromParams';
import { parseQuery } from '../parseQuery';
import { authorize } from './authorize';
import { FindingRouteDeps } from './FindingRouteDeps';

const DAY = 86_400_000;
const trendQuery = z
  .object({ days: z.coerce.number().int().min(1).max(365).default(90) })
  .strict();
const postureQuery = z
  .object({ owner: z.string().min(3).max(255).optional() })
  .strict();

/** Trend of an entity's open findings, and the security posture of every team. */
export function registerFindingTrendRoutes(
  router: Router,
  deps: FindingRouteDeps,
) {
  router.get(
    '/entities/:kind/:namespace/:name/findings-trend',
    async (req, res) => {
      await authorize(deps, req, deliveryRunReadPermission);
      const entityRef = entityRefFromParams(req.params);
      const { days } = parseQuery(trendQuery, req.query);
      const now = new Date();
      const facts = await deps.findings.listFindingFacts(
        [entityRef],
        new Date(now.getTime() - days * DAY),
        now,
      );
      res.json({ points: findingTrend(facts, days, now) });
    },
  );

  router.get('/security/posture', async (req, res) => {
    const credentials = await authorize(deps, req, deliveryRunReadPermission);
    const { owner } = parseQuery(postureQuery, req.query);
    // The caller's credentials: a team sees only the components it may read.
    const { items } = await deps.catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials },
    );
    const owners = new Map(
      items.map(e => [
        stringifyEntityRef(e).toLocaleLowerCase('en-US'),
        e.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef,
      ]),
    );
    const now = new Date();
    const facts = await deps.findings.listFindingFacts(
      [...owners.keys()],
      now,
      now,
    );
    const rows = postureByOwner(
      facts,
      ref => owners.get(ref),
      deps.findingsConfig.slaDays,
      now,
    );
    res.json({
      teams: owner
        ? rows.filter(r => r.owner === owner.toLocaleLowerCase('en-US'))
        : rows,
    });
  });
}
