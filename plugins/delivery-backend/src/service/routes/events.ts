import { deliveryEventCreatePermission } from '@slipway/plugin-delivery-common';
import { Request, Response, Router } from 'express';
import { z } from 'zod';
import {
  changeEvent,
  deploymentEvent,
  incidentEvent,
  parseBatch,
} from '../../events/eventSchemas';
import { EventsStore } from '../../events/EventsStore';
import { auditedAction } from './guard';
import { principalRef } from './principalRef';
import { RouteDeps } from './RouteDeps';

export interface EventRouteDeps extends RouteDeps {
  events: EventsStore;
}

/**
 * The generic ingestion API for any CI and incident tool: batches of deployments, changes and
 * incidents, idempotent by id (changes by entity and sha), one transaction per batch.
 */
export function registerEventRoutes(router: Router, deps: EventRouteDeps) {
  const ingest =
    <T extends z.ZodTypeAny>(
      kind: string,
      schema: T,
      write: (items: Array<z.infer<T>>, recordedBy: string) => Promise<number>,
    ) =>
    async (req: Request, res: Response) => {
      const accepted = await auditedAction(
        deps,
        req,
        { eventId: `events-${kind}`, meta: { kind } },
        async credentials => {
          const items = parseBatch(schema, kind, req.body);
          // Every entity the batch names, checked before anything is stored.
          const entityRefs = [
            ...new Set(
              items.map((i: { entityRef: string }) =>
                i.entityRef.toLocaleLowerCase('en-US'),
              ),
            ),
          ];
          for (const entityRef of entityRefs) {
            await deps.access.require(
              credentials,
              entityRef,
              deliveryEventCreatePermission,
            );
          }
          return {
            result: await write(items, principalRef(credentials)),
            changed: {
              entityRefs,
              ids: items
                .slice(0, 100)
                .map(
                  (i: { id?: string; sha?: string }) => i.id ?? i.sha ?? null,
                ),
              count: items.length,
            },
          };
        },
      );
      res.json({ accepted });
    };

  router.post(
    '/events/deployments',
    ingest('deployments', deploymentEvent, (items, by) =>
      deps.events.upsertDeployments(items, by),
    ),
  );
  router.post(
    '/events/changes',
    ingest('changes', changeEvent, (items, by) =>
      deps.events.upsertChanges(items, by),
    ),
  );
  router.post(
    '/events/incidents',
    ingest('incidents', incidentEvent, (items, by) =>
      deps.events.upsertIncidents(items, by),
    ),
  );
}
