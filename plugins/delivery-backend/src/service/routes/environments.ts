import { InputError, NotFoundError } from '@backstage/errors';
import {
  deliveryEnvironmentDeployPermission,
  deliveryEnvironmentReadPermission,
  EnvironmentLane,
  EnvironmentsView,
  StartedRun,
} from '@slipway/plugin-delivery-common';
import { Router } from 'express';
import { z } from 'zod';
import { DeploymentQueries } from '../../approvals/deploymentQueries';
import { DeployPipelines } from '../../approvals/deploy/DeployPipelines';
import { ApprovalPolicy } from '../../approvals/policy/policySchema';
import { ResolvedEnvironment } from '../../approvals/policy/resolveEnvironments';
import { entityRefFromParams } from '../entityRefFromParams';
import { parseQuery } from '../parseQuery';
import { ApprovalRouteDeps, principalRef } from './approvals';
import { auditedAction, readEntity } from './guard';

export interface EnvironmentRouteDeps extends ApprovalRouteDeps {
  deployments: DeploymentQueries;
  deployPipelines: DeployPipelines;
}

const HOUR = 3_600_000;
const ENVIRONMENT = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** An environment name from the path, lower-cased; 400 when it cannot be one. */
export function parseEnvironment(name: string): string {
  const lower = name.toLocaleLowerCase('en-US');
  if (!ENVIRONMENT.test(lower)) {
    throw new InputError(
      `Invalid environment '${name.slice(
        0,
        70,
      )}': lower-case letters, digits and dashes, at most 63`,
    );
  }
  return lower;
}

function summary(policy: ApprovalPolicy): EnvironmentLane['policy'] {
  return {
    rules: policy.rules,
    preventSelfApproval: policy.preventSelfApproval,
    requestExpiresAfterHours: policy.requestExpiresAfterMs / HOUR,
    approvalValidForHours:
      policy.approvalValidForMs === undefined
        ? undefined
        : policy.approvalValidForMs / HOUR,
    waitAfterPreviousMinutes:
      policy.waitAfterPreviousMs === undefined
        ? undefined
        : policy.waitAfterPreviousMs / 60_000,
    securityGate: policy.securityGate,
    metrics: policy.metrics,
  };
}

const rollbackSchema = z
  .object({ version: z.string().min(1).max(255).optional() })
  .strict();

/** A component's environments as lanes, and rolling one back to an earlier version. */
export function registerEnvironmentRoutes(
  router: Router,
  deps: EnvironmentRouteDeps,
) {
  const lane = async (
    entityRef: string,
    env: ResolvedEnvironment,
  ): Promise<EnvironmentLane> => {
    const [recent, pending, deploying] = await Promise.all([
      deps.deployments.recent(entityRef, env.name, 50),
      deps.approvalsStore.list(
        { entityRef, environment: env.name, states: ['pending'], limit: 10 },
        new Date(),
      ),
      deps.deployments.inProgress(entityRef, env.name),
    ]);
    const [current, ...older] = recent;
    const seen = new Set([current?.version ?? current?.commitSha]);
    const previousVersions = [];
    for (const d of older) {
      const version = d.version ?? d.commitSha;
      if (!version || seen.has(version)) continue;
      seen.add(version);
      previousVersions.push({
        version,
        revision: d.commitSha,
        finishedAt: d.finishedAt.toISOString(),
        runUid: d.runUid,
      });
    }
    return {
      name: env.name,
      entityRef: env.entityRef,
      tier: env.tier,
      description: env.description,
      current: current && {
        deploymentId: current.id,
        version: current.version,
        revision: current.commitSha,
        finishedAt: current.finishedAt.toISOString(),
        runUid: current.runUid,
      },
      deploying,
      previousVersions: previousVersions.slice(0, 5),
      pending: pending.items,
      policy: env.policy && summary(env.policy),
      policyError: env.error,
    };
  };

  router.get(
    '/entities/:kind/:namespace/:name/environments',
    async (req, res) => {
      const { entityRef } = await readEntity(
        deps,
        req,
        deliveryEnvironmentReadPermission,
      );
      const environments = await deps.approvals.environmentsOf(entityRef);
      const view: EnvironmentsView = {
        entityRef,
        environments: await Promise.all(
          environments.map(e => lane(entityRef, e)),
        ),
      };
      res.json(view);
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/environments/:environment/rollback',
    async (req, res) => {
      const body = await auditedAction(
        deps,
        req,
        {
          eventId: 'environment-rollback',
          meta: { path: req.path },
          allow: ['user'],
        },
        async credentials => {
          const entityRef = entityRefFromParams(req.params);
          const entity = await deps.access.require(
            credentials,
            entityRef,
            deliveryEnvironmentDeployPermission,
          );
          const environment = parseEnvironment(req.params.environment);
          const { version } = parseQuery(
            rollbackSchema,
            req.body ?? {},
            'body',
          );
          const target = (
            await lane(entityRef, {
              name: environment,
              entityRef: '',
              tier: '',
            })
          ).previousVersions.find(p =>
            version ? p.version === version : true,
          );
          if (!target) {
            throw new NotFoundError(
              version
                ? `${entityRef} never ran version ${version} in ${environment}`
                : `${entityRef} has no earlier version in ${environment} to roll back to`,
            );
          }
          const requestedBy = principalRef(credentials);
          const stored = await deps.idempotency.perRequest(
            req.headers['idempotency-key'],
            {
              principal: requestedBy,
              action: 'environment-rollback',
              target: `${entityRef}#${environment}`,
            },
            async () => {
              // the same deploy pipeline as an approved promotion, for this one environment
              const started = await deps.deployPipelines.start(
                entity,
                {
                  environment,
                  revision: target.revision ?? target.version,
                  version: target.version,
                },
                requestedBy,
              );
              return {
                status: 201,
                body: { ...started, version: target.version, environment },
              };
            },
          );
          const started = stored.body as StartedRun;
          return {
            result: stored.body,
            changed: {
              entityRef,
              environment,
              version: target.version,
              created: started.uid ?? started.name,
              replayed: stored.replayed,
            },
          };
        },
      );
      res.status(201).json(body);
    },
  );
}
