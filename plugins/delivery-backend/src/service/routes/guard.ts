import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { EntityAccess } from '../access/EntityAccess';
import { entityRefFromParams } from '../entityRefFromParams';

/** What the guarded routes need to identify callers, check access and audit. */
export interface GuardDeps {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: EntityAccess;
  logger: LoggerService;
}

type Allow = Array<'user' | 'service'>;

/** The caller's credentials: 401 without, 403 for a principal type the route does not take. */
export function callerOf(
  deps: Pick<GuardDeps, 'httpAuth'>,
  req: Request,
  allow: Allow = ['user', 'service'],
): Promise<BackstageCredentials> {
  return deps.httpAuth.credentials(req, { allow });
}

/**
 * A read of the data of the entity the route's `:kind/:namespace/:name` name: the caller (401),
 * the ref (400), the entity as the caller sees it (404, also when hidden), the permission on
 * it (403).
 */
export async function readEntity(
  deps: GuardDeps,
  req: Request,
  permission: ResourcePermission,
): Promise<{
  credentials: BackstageCredentials;
  entity: Entity;
  entityRef: string;
}> {
  const credentials = await callerOf(deps, req);
  const entityRef = entityRefFromParams(req.params);
  const entity = await deps.access.require(credentials, entityRef, permission);
  return { credentials, entity, entityRef };
}

/**
 * Middleware for routes that read a large body: the caller is identified (and a refusal
 * audited) before the body is read.
 */
export function requireCaller(
  deps: GuardDeps,
  eventId: string,
  allow: Allow = ['user', 'service'],
) {
  return async (
    req: Request,
    _res: unknown,
    next: (error?: unknown) => void,
  ) => {
    try {
      await callerOf(deps, req, allow);
      next();
    } catch (error) {
      await auditRefusal(deps, req, eventId, {}, error as Error);
      next(error);
    }
  };
}

/** A refusal before the caller is known: the auditor cannot resolve the request's credentials. */
async function auditRefusal(
  deps: GuardDeps,
  req: Request,
  eventId: string,
  meta: JsonObject,
  error: Error,
) {
  const refused = await deps.auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    meta: {
      ...meta,
      method: req.method,
      path: req.originalUrl,
      ip: req.ip ?? null,
    },
  });
  await refused.fail({ error, meta: { refused: 'credentials' } });
}

/** What an audited action answers, and the ids of what it changed for the audit log. */
export interface ActionOutcome<T> {
  result: T;
  changed?: JsonObject;
}

/**
 * An action, audited from its first step: a refusal (401, 403, 404, bad input) is recorded as a
 * failed event with its target as well as a failure of the action itself; a success records the
 * ids of what changed. A failing audit write after the action is logged, never turned into an
 * error answer (the client would retry an action that happened).
 */
export async function auditedAction<T>(
  deps: GuardDeps,
  req: Request,
  options: { eventId: string; meta: JsonObject; allow?: Allow },
  action: (credentials: BackstageCredentials) => Promise<ActionOutcome<T>>,
): Promise<T> {
  const { eventId, meta } = options;
  let credentials: BackstageCredentials;
  try {
    credentials = await callerOf(deps, req, options.allow);
  } catch (error) {
    await auditRefusal(deps, req, eventId, meta, error as Error);
    throw error;
  }
  const event = await deps.auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: req,
    meta,
  });
  let outcome: ActionOutcome<T>;
  try {
    outcome = await action(credentials);
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
  try {
    await event.success({ meta: outcome.changed });
  } catch (error) {
    deps.logger.error(
      `Audit event ${eventId} could not be written after the action succeeded`,
      error as Error,
    );
  }
  return outcome.result;
}
