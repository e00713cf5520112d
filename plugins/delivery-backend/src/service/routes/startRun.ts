import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  deliveryRunExecutePermission,
  deliveryRunReadPermission,
  PipelineDefinition,
  PipelineRunWithTasks,
  PipelineSummaryList,
  StartedRun,
} from '@slipway/plugin-delivery-common';
import { PipelineProvider } from '@slipway/plugin-delivery-node';
import { Router } from 'express';
import { z } from 'zod';
import { entityRefFromParams } from '../entityRefFromParams';
import { parseQuery } from '../parseQuery';
import { auditedAction, readEntity } from './guard';
import { principalRef } from './principalRef';
import { RouteDeps } from './RouteDeps';
import { checkStartParams } from './startRunParams';

/** How many of an entity's newest runs are looked at for the pipelines it runs. */
const PIPELINE_SCAN = 1000;

const NAME = z.string().min(1).max(255);
const VALUE = z.string().max(4096);

const startSchema = z
  .object({
    provider: z.string().min(1).max(64),
    pipelineName: NAME,
    params: z
      .record(
        z.string().min(1).max(255),
        z.union([VALUE, z.array(VALUE).max(100)]),
      )
      .refine(p => Object.keys(p).length <= 100, {
        message: 'at most 100 params',
      })
      .default({}),
  })
  .strict();

type Capable = PipelineProvider &
  Required<Pick<PipelineProvider, 'describePipeline' | 'startRun'>>;

/** The newest run of the entity's pipeline, and a provider that can start it again (else 409). */
async function startable(
  deps: RouteDeps,
  entityRef: string,
  provider: string,
  pipelineName: string,
): Promise<{ run: PipelineRunWithTasks; provider: Capable }> {
  const { items } = await deps.store.listRuns({
    entityRef,
    provider,
    pipeline: pipelineName,
    limit: 1,
  });
  const run = items[0] && (await deps.store.getRun(items[0].uid));
  if (!run) {
    throw new NotFoundError(
      `${entityRef} has no run of pipeline '${pipelineName}' from provider '${provider}'; Slipway starts pipelines a component has run before`,
    );
  }
  const found = deps.providerFor(provider);
  if (!found?.startRun || !found.describePipeline) {
    throw new ConflictError(
      `Provider '${provider}' cannot start runs${
        found ? '' : ' (it is not installed)'
      }`,
    );
  }
  return { run, provider: found as Capable };
}

/** The pipelines an entity has run, their declared params, and starting one with params. */
export function registerStartRunRoutes(router: Router, deps: RouteDeps) {
  router.get('/entities/:kind/:namespace/:name/pipelines', async (req, res) => {
    const { entityRef } = await readEntity(
      deps,
      req,
      deliveryRunReadPermission,
    );
    const pipelines = await deps.store.listPipelines(entityRef, PIPELINE_SCAN);
    const body: PipelineSummaryList = {
      items: pipelines.map(p => {
        const provider = deps.providerFor(p.provider);
        return {
          ...p,
          latestRunAt: p.latestRunAt.toISOString(),
          canStart: Boolean(provider?.startRun && provider.describePipeline),
        };
      }),
    };
    res.json(body);
  });

  router.get(
    '/entities/:kind/:namespace/:name/pipelines/:provider/:pipelineName',
    async (req, res) => {
      const { entityRef } = await readEntity(
        deps,
        req,
        deliveryRunReadPermission,
      );
      const { provider: name, pipelineName } = req.params;
      const { run, provider } = await startable(
        deps,
        entityRef,
        name,
        pipelineName,
      );
      const definition: PipelineDefinition = {
        provider: name,
        pipelineName,
        ...(await provider.describePipeline(run)),
        basedOnRunUid: run.uid,
      };
      res.json(definition);
    },
  );

  router.post('/entities/:kind/:namespace/:name/runs', async (req, res) => {
    const answer = await auditedAction(
      deps,
      req,
      {
        eventId: 'run-start',
        meta: { path: req.path },
        allow: ['user'],
      },
      async credentials => {
        const entityRef = entityRefFromParams(req.params);
        await deps.access.require(
          credentials,
          entityRef,
          deliveryRunExecutePermission,
        );
        const input = parseQuery(startSchema, req.body ?? {}, 'body');
        const { run, provider } = await startable(
          deps,
          entityRef,
          input.provider,
          input.pipelineName,
        );
        const requestedBy = principalRef(credentials);
        const stored = await deps.idempotency.perRequest(
          req.headers['idempotency-key'],
          {
            principal: requestedBy,
            action: 'run-start',
            target: `${entityRef}#${input.provider}/${input.pipelineName}`,
          },
          async () => {
            const { params: specs } = await provider.describePipeline(run);
            const params = checkStartParams(
              specs,
              input.params,
              input.pipelineName,
            );
            const started = await provider.startRun(
              {
                entityRef,
                pipelineName: input.pipelineName,
                params,
                basedOn: run,
              },
              { requestedBy },
            );
            const body: StartedRun = { provider: input.provider, ...started };
            return { status: 201, body };
          },
        );
        const started = stored.body as StartedRun;
        return {
          result: stored,
          changed: {
            entityRef,
            pipeline: input.pipelineName,
            params: Object.keys(input.params),
            basedOn: run.uid,
            created: started.uid ?? started.name,
            replayed: stored.replayed,
          },
        };
      },
    );
    res.status(answer.status).json(answer.body);
  });
}
