import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  deliveryRunExecutePermission,
  deliveryRunReadPermission,
  PipelineRunWithTasks,
} from '@slipway/plugin-delivery-common';
import { PipelineProvider } from '@slipway/plugin-delivery-node';
import { Request, Response, Router } from 'express';
import { requirePermission } from '../requirePermission';
import { authorize } from './authorize';
import { RouteDeps } from './RouteDeps';

type Action = 'rerun' | 'cancel';

/** Live routes that reach the provider: step logs, rerun and cancel. */
export function registerRunActionRoutes(router: Router, deps: RouteDeps) {
  const loadRun = async (uid: string): Promise<PipelineRunWithTasks> => {
    const run = await deps.store.getRun(uid);
    if (!run) {
      throw new NotFoundError(`No pipeline run with uid '${uid}'`);
    }
    return run;
  };

  const providerWith = <K extends 'getTaskLogs' | Action>(
    run: PipelineRunWithTasks,
    capability: K,
  ): PipelineProvider & Required<Pick<PipelineProvider, K>> => {
    const provider = deps.providerFor(run.provider);
    if (!provider?.[capability]) {
      throw new ConflictError(
        `Runs of provider '${run.provider}' do not support ${
          capability === 'getTaskLogs' ? 'logs' : capability
        }`,
      );
    }
    return provider as PipelineProvider & Required<Pick<PipelineProvider, K>>;
  };

  router.get('/runs/:uid/tasks/:task/logs', async (req, res) => {
    await authorize(deps, req, deliveryRunReadPermission);
    const run = await loadRun(req.params.uid);
    const task = run.tasks.find(
      t => t.name === req.params.task || t.pipelineTaskName === req.params.task,
    );
    if (!task) {
      throw new NotFoundError(
        `Run '${run.name}' has no task '${req.params.task}'`,
      );
    }
    res.json(await providerWith(run, 'getTaskLogs').getTaskLogs(run, task));
  });

  const runAction = (action: Action) => async (req: Request, res: Response) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user'],
    });
    await requirePermission(
      deps.permissions,
      deliveryRunExecutePermission,
      credentials,
    );
    const run = await loadRun(req.params.uid);
    if (action === 'cancel' && !['pending', 'running'].includes(run.status)) {
      throw new InputError(
        `Run '${run.name}' is ${run.status}; only pending or running runs can be cancelled`,
      );
    }
    const provider = providerWith(run, action);
    const requestedBy = credentials.principal.userEntityRef;
    const event = await deps.auditor.createEvent({
      eventId: `run-${action}`,
      severityLevel: 'medium',
      request: req,
      meta: { uid: run.uid, run: run.name, entityRef: run.entityRef },
    });
    try {
      if (action === 'rerun') {
        const created = await provider.rerun(run, { requestedBy });
        await event.success({ meta: { created } });
        res.status(201).json(created);
      } else {
        await provider.cancel(run, { requestedBy });
        await event.success();
        res.status(202).json({ uid: run.uid, status: 'cancelling' });
      }
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.post('/runs/:uid/rerun', runAction('rerun'));
  router.post('/runs/:uid/cancel', runAction('cancel'));
}
