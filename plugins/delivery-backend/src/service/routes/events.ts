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
import { authorize } from './authorize';
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
      write: (items: Array<z.infer<T>>) => Promise<number>,
    ) =>
    async (req: Request, res: Response) => {
      await authorize(deps, req, deliveryEventCreatePermission);
      const items = parseBatch(schema, kind, req.body);
      const event = await deps.auditor.createEvent({
        eventId: `events-${kind}`,
        severityLevel: 'low',
        request: req,
        meta: { count: items.length },
      });
      try {
        const accepted = await write(items);
        await event.success();
        res.json({ accepted });
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    };

  router.post(
    '/events/deployments',
    ingest('deployments', deploymentEvent, items =>
      deps.events.upsertDeployments(items, 'api'),
    ),
  );
  router.post(
    '/events/changes',
    ingest('changes', changeEvent, items => deps.events.upsertChanges(items)),
  );
  router.post(
    '/events/incidents',
    ingest('incidents', incidentEvent, items =>
      deps.events.upsertIncidents(items),
    ),
  );
}
