import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { deliveryFindingReadPermission } from '@slipway/plugin-delivery-common';
import { Router } from 'express';
import { z } from 'zod';
import { findingTrend, postureByOwner } from '../../findings/posture';
import { parseQuery } from '../parseQuery';
import { callerOf, readEntity } from './guard';
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
      const { entityRef } = await readEntity(
        deps,
        req,
        deliveryFindingReadPermission,
      );
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
    const credentials = await callerOf(deps, req);
    const { owner } = parseQuery(postureQuery, req.query);
    // The caller's credentials: a team sees only the components it may read.
    const { items } = await deps.catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials },
    );
    const { allowed, omitted } = await deps.access.filter(
      credentials,
      items.map(e => stringifyEntityRef(e)),
      deliveryFindingReadPermission,
    );
    const readable = new Set(allowed);
    const owners = new Map(
      items
        .filter(e =>
          readable.has(stringifyEntityRef(e).toLocaleLowerCase('en-US')),
        )
        .map(e => [
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
      omittedEntities: omitted,
    });
  });
}
