import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import { DeployPipelines } from '../approvals/deploy/DeployPipelines';
import { PromotionDeploys } from '../approvals/deploy/PromotionDeploys';
import knexFactory from 'knex';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DeliveryStore } from '../database/DeliveryStore';
import { EventsStore } from '../events/EventsStore';
import { FindingsStore } from '../findings/FindingsStore';
import { ApprovalSourceRegistry } from '../approvals/ApprovalSourceRegistry';
import { ExternalApprovals } from '../approvals/ExternalApprovals';
import { ExternalApprovalSync } from '../approvals/ExternalApprovalSync';
import { ApprovalNotifier } from '../approvals/ApprovalNotifier';
import { ApprovalService } from '../approvals/ApprovalService';
import { ApprovalsStore } from '../approvals/ApprovalsStore';
import { DeploymentQueries } from '../approvals/deploymentQueries';
import { createRouter } from './router';
import { EntityAccess } from './access/EntityAccess';
import { IdempotencyStore } from './idempotency/IdempotencyStore';
import { ServiceScopes } from './access/ServiceScopes';

/**
 * Routes that may be called without credentials because they verify a signature themselves.
 * Every other route of the delivery router must answer 401 to an anonymous caller.
 */
const SIGNED_WEBHOOK_ROUTES: string[] = [
  // the public key of pipeline tokens
  'GET /.well-known/jwks.json',
];

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

function listRoutes(
  router: express.Router,
): Array<{ method: string; path: string }> {
  return (router.stack as RouteLayer[]).flatMap(layer =>
    layer.route
      ? Object.keys(layer.route.methods).map(method => ({
          method,
          path: layer.route!.path,
        }))
      : [],
  );
}

function fillParams(path: string): string {
  return path.replace(
    /:([A-Za-z]+)/g,
    (_, name) => `sample-${name.toLowerCase()}`,
  );
}

describe('route matrix', () => {
  const store: DeliveryStore = {
    upsertRuns: jest.fn(),
    listRuns: jest.fn(),
    getRun: jest.fn(),
    listRunFacts: jest.fn(),
    listPipelines: jest.fn(),
    assignEntitiesByKubernetesId: jest.fn(),
    listUnassignedRuns: jest.fn(),
    assignEntity: jest.fn(),
  };

  const findings: FindingsStore = {
    recordScan: jest.fn(),
    listFindings: jest.fn(),
    getFinding: jest.fn(),
    gateCounts: jest.fn(),
    gateScans: jest.fn(),
    suppress: jest.fn(),
    unsuppress: jest.fn(),
    listFindingFacts: jest.fn(),
  };

  const events: EventsStore = {
    upsertDeployments: jest.fn(),
    upsertChanges: jest.fn(),
    upsertIncidents: jest.fn(),
    loadRecords: jest.fn(),
  };

  const approvalsStore: ApprovalsStore = {
    create: jest.fn(),
    get: jest.fn(),
    history: jest.fn(),
    list: jest.fn(),
    decide: jest.fn(),
    cancel: jest.fn(),
    upsertExternal: jest.fn(),
    hasExternal: jest.fn(),
    expireDue: jest.fn(),
    recheckGates: jest.fn(),
    claimDeployRun: jest.fn(),
    recordDeployRun: jest.fn(),
  };

  it('requires credentials on every route except the listed signed webhooks', async () => {
    const catalog = catalogServiceMock.mock();
    const router = await createRouter({
      store,
      approvalsStore,
      approvals: new ApprovalService({
        store: approvalsStore,
        catalog,
        auth: mockServices.auth(),
        gates: {
          securityGate: jest.fn(),
          run: jest.fn(),
          deploymentOf: jest.fn(),
        },
        notifier: new ApprovalNotifier(
          undefined,
          mockServices.logger.mock(),
          () => '',
        ),
        external: new ExternalApprovals(
          new ApprovalSourceRegistry(),
          new ExternalApprovalSync({
            store: approvalsStore,
            entityOf: () => undefined,
            environmentsOf: async () => [],
            logger: mockServices.logger.mock(),
          }),
        ),
      }),
      // never queried: every call stops at the credentials check
      deployments: new DeploymentQueries(
        knexFactory({ client: 'better-sqlite3', useNullAsDefault: true }),
      ),
      deployPipelines: new DeployPipelines(() => undefined),
      promotions: new PromotionDeploys({
        store,
        approvalsStore,
        deployPipelines: new DeployPipelines(() => undefined),
        logger: mockServices.logger.mock(),
      }),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      idempotency: new IdempotencyStore(
        knexFactory({ client: 'better-sqlite3', useNullAsDefault: true }),
      ),
      access: new EntityAccess({
        catalog,
        permissions: mockServices.permissions(),
        scopes: new ServiceScopes([]),
      }),
      auditor: mockServices.auditor.mock(),
      providerFor: () => undefined,
      findings,
      findingsConfig: {
        maxUploadBytes: 1024,
        slaDays: { critical: 7, high: 30, medium: 90, low: 120, info: 365 },
        gate: { failOnSecrets: true },
      },
      parsers: () => [],
      catalog,
      auth: mockServices.auth(),
      events,
      doraOptions: { productionEnvironments: ['production'] },
      logger: mockServices.logger.mock(),
    });
    const app = express().use(router).use(mockErrorHandler());
    const routes = listRoutes(router);
    expect(routes.length).toBeGreaterThanOrEqual(20);

    for (const { method, path } of routes) {
      if (SIGNED_WEBHOOK_ROUTES.includes(`${method.toUpperCase()} ${path}`)) {
        continue;
      }
      const verb = method as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const res = await request(app)
        [verb](fillParams(path))
        .set('Authorization', mockCredentials.none.header())
        .send({});
      expect({
        route: `${method.toUpperCase()} ${path}`,
        status: res.status,
      }).toEqual({
        route: `${method.toUpperCase()} ${path}`,
        status: 401,
      });
    }
    for (const method of [
      ...Object.values(store),
      ...Object.values(findings),
    ]) {
      expect(method).not.toHaveBeenCalled();
    }
  });
});
