import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  deliveryProvidersExtensionPoint,
  PipelineProvider,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import request from 'supertest';
import { testComponents } from './__testUtils__/testComponents';
import { makeRun } from './database/testRuns';
import { deliveryPlugin } from './plugin';

jest.setTimeout(60_000);

const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger-service',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'ledger' },
  },
  spec: {},
};
const selected: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-model',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-label-selector': 'app=fraud,tier in (ml)',
      'backstage.io/kubernetes-namespace': 'ml',
    },
  },
  spec: {},
};

/** A provider that reports three unattached runs and records the actions asked of it. */
class FakeProvider implements PipelineProvider {
  sink?: PipelineRunSink;
  readonly actions: string[] = [];
  getProviderName() {
    return 'fake';
  }
  async connect(sink: PipelineRunSink) {
    this.sink = sink;
    await sink.upsertRuns([
      makeRun({
        uid: 'l1',
        provider: 'fake',
        entityRef: undefined,
        kubernetesId: 'ledger',
        status: 'running',
        tasks: [
          {
            name: 'l1-build',
            pipelineTaskName: 'build',
            status: 'running',
            retries: 0,
            isFinally: false,
          },
        ],
      }),
      makeRun({
        uid: 'f1',
        provider: 'fake',
        entityRef: undefined,
        namespace: 'ml',
        labels: { app: 'fraud', tier: 'ml' },
      }),
      makeRun({
        uid: 'g1',
        provider: 'ghost',
        entityRef: 'component:default/payments-api',
      }),
      makeRun({
        uid: 'x1',
        provider: 'fake',
        entityRef: undefined,
        kubernetesId: 'nobody',
      }),
    ]);
  }
  async getTaskLogs() {
    return {
      steps: [
        { name: 'compile', container: 'step-compile', log: 'BUILD OK\n' },
      ],
    };
  }
  async rerun(_run: unknown, context: { requestedBy: string }) {
    this.actions.push(`rerun by ${context.requestedBy}`);
    return { name: 'l1-rerun-abcde' };
  }
  async cancel(_run: unknown, context: { requestedBy: string }) {
    this.actions.push(`cancel by ${context.requestedBy}`);
  }
}

async function start(
  provider: FakeProvider,
  permission: 'ALLOW' | 'DENY' = 'ALLOW',
) {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      createBackendModule({
        pluginId: 'delivery',
        moduleId: 'fake',
        register(reg) {
          reg.registerInit({
            deps: { providers: deliveryProvidersExtensionPoint },
            async init({ providers }) {
              providers.addPipelineProvider(provider);
            },
          });
        },
      }),
      mockServices.rootConfig.factory({
        data: {
          delivery: {
            entityMapping: {
              schedule: {
                frequency: { seconds: 1 },
                timeout: { seconds: 30 },
              },
            },
          },
        },
      }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({
        entities: [ledger, selected, ...testComponents('payments-api')],
      }),
    ],
  });
  return server;
}

async function waitForRuns(
  server: Parameters<typeof request>[0],
  path: string,
  count: number,
) {
  for (let i = 0; i < 100; i++) {
    const res = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header());
    if (res.body.items?.length === count) return res.body.items;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${path} never listed ${count} runs`);
}

describe('deliveryPlugin with a provider', () => {
  it('attaches reported runs to entities by kubernetes-id and by label selector, keeping the rest', async () => {
    const server = await start(new FakeProvider());
    const ledgerRuns = await waitForRuns(
      server,
      '/api/delivery/entities/component/default/ledger-service/runs',
      1,
    );
    expect(ledgerRuns[0].uid).toBe('l1');
    const fraudRuns = await waitForRuns(
      server,
      '/api/delivery/entities/component/default/fraud-model/runs',
      1,
    );
    expect(fraudRuns[0].uid).toBe('f1');
    const orphan = await request(server)
      .get('/api/delivery/runs/x1')
      .set('Authorization', mockCredentials.user.header());
    // kept, but readable by nobody until it belongs to an entity someone may see
    expect(orphan.status).toBe(404);
    expect(orphan.body.error.message).toBe("No pipeline run with uid 'x1'");
  });

  it('fetches logs, reruns and cancels through the provider, as the calling user', async () => {
    const provider = new FakeProvider();
    const server = await start(provider);
    const auth = mockCredentials.user.header();

    const logs = await request(server)
      .get('/api/delivery/runs/l1/tasks/build/logs')
      .set('Authorization', auth);
    expect(logs.status).toBe(200);
    expect(logs.body.steps[0].log).toBe('BUILD OK\n');
    const noTask = await request(server)
      .get('/api/delivery/runs/l1/tasks/deploy/logs')
      .set('Authorization', auth);
    expect(noTask.status).toBe(404);

    const rerun = await request(server)
      .post('/api/delivery/runs/l1/rerun')
      .set('Authorization', auth);
    expect(rerun.status).toBe(201);
    expect(rerun.body.name).toBe('l1-rerun-abcde');
    const cancel = await request(server)
      .post('/api/delivery/runs/l1/cancel')
      .set('Authorization', auth);
    expect(cancel.status).toBe(202);
    const ghost = await request(server)
      .post('/api/delivery/runs/g1/rerun')
      .set('Authorization', auth);
    expect(ghost.status).toBe(409);
    expect(ghost.body.error.message).toContain("provider 'ghost'");
    const cancelFinished = await request(server)
      .post('/api/delivery/runs/f1/cancel')
      .set('Authorization', auth);
    expect(cancelFinished.status).toBe(400);
    expect(cancelFinished.body.error.message).toContain('succeeded');

    expect(provider.actions).toEqual([
      `rerun by ${mockCredentials.user().principal.userEntityRef}`,
      `cancel by ${mockCredentials.user().principal.userEntityRef}`,
    ]);
  });

  it('refuses run actions without delivery.run.execute and to services', async () => {
    const provider = new FakeProvider();
    const denied = await start(provider, 'DENY');
    const res = await request(denied)
      .post('/api/delivery/runs/l1/rerun')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);

    const allowed = await start(provider);
    const service = await request(allowed)
      .post('/api/delivery/runs/l1/cancel')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
    expect(provider.actions).toEqual([]);
  });
});
