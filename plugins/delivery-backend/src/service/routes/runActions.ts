import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  deliveryRunExecutePermission,
  PipelineRunWithTasks,
} from '@slipway/plugin-delivery-common';
import { PipelineProvider } from '@slipway/plugin-delivery-node';
import { Request, Response, Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../parseQuery';
import { auditedAction } from './guard';
import { principalRef } from './principalRef';
import { RouteDeps } from './RouteDeps';
import { readableRun, runFor } from './runReads';

type Action = 'rerun' | 'cancel';

/** Bytes of each step's log a request returns by default: the tail. */
export const DEFAULT_LOG_BYTES = 256 * 1024;
/** The most a request may ask for. */
export const MAX_LOG_BYTES = 4 * 1024 * 1024;

const logsQuery = z
  .object({
    limitBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(MAX_LOG_BYTES)
      .default(DEFAULT_LOG_BYTES),
  })
  .strict();

/** A provider that can do what is asked with this run, or 409 saying it cannot. */
export function providerWith<K extends 'getTaskLogs' | Action>(
  deps: RouteDeps,
  run: PipelineRunWithTasks,
  capability: K,
): PipelineProvider & Required<Pick<PipelineProvider, K>> {
  const provider = deps.providerFor(run.provider);
  if (!provider?.[capability]) {
    throw new ConflictError(
      `Runs of provider '${run.provider}' do not support ${
        capability === 'getTaskLogs' ? 'logs' : capability
      }`,
    );
  }
  return provider as PipelineProvider & Required<Pick<PipelineProvider, K>>;
}

/** Live routes that reach the provider: step logs (a bounded tail), rerun and cancel. */
export function registerRunActionRoutes(router: Router, deps: RouteDeps) {
  router.get('/runs/:uid/tasks/:task/logs', async (req, res) => {
    const run = await readableRun(deps, req, req.params.uid);
    const { limitBytes } = parseQuery(logsQuery, req.query);
    const task = run.tasks.find(
      t => t.name === req.params.task || t.pipelineTaskName === req.params.task,
    );
    if (!task) {
      throw new NotFoundError(
        `Run '${run.name}' has no task '${req.params.task}'`,
      );
    }
    res.json(
      await providerWith(deps, run, 'getTaskLogs').getTaskLogs(run, task, {
        limitBytes,
      }),
    );
  });

  const runAction = (action: Action) => (req: Request, res: Response) =>
    auditedAction(
      deps,
      req,
      {
        eventId: `run-${action}`,
        meta: { uid: req.params.uid },
        allow: ['user'],
      },
      async credentials => {
        const run = await runFor(
          deps,
          credentials,
          req.params.uid,
          deliveryRunExecutePermission,
        );
        if (
          action === 'cancel' &&
          !['pending', 'running'].includes(run.status)
        ) {
          throw new InputError(
            `Run '${run.name}' is ${run.status}; only pending or running runs can be cancelled`,
          );
        }
        const provider = providerWith(deps, run, action);
        const context = {
          requestedBy: (credentials.principal as { userEntityRef: string })
            .userEntityRef,
        };
        const changed = { run: run.name, entityRef: run.entityRef };
        if (action === 'rerun') {
          const answer = await deps.idempotency.perRequest(
            req.headers['idempotency-key'],
            {
              principal: principalRef(credentials),
              action: 'run-rerun',
              target: run.uid,
            },
            async () => ({
              status: 201,
              body: await provider.rerun(run, context),
            }),
          );
          res.status(answer.status).json(answer.body);
          const created = answer.body as { name: string; uid?: string };
          return {
            result: undefined,
            changed: {
              ...changed,
              created: created.uid ?? created.name,
              replayed: answer.replayed,
            },
          };
        }
        await provider.cancel(run, context);
        res.status(202).json({ uid: run.uid, status: 'cancelling' });
        return { result: undefined, changed };
      },
    );

  router.post('/runs/:uid/rerun', runAction('rerun'));
  router.post('/runs/:uid/cancel', runAction('cancel'));
}
