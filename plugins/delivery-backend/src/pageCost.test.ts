import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { deliveryProvidersExtensionPoint } from '@slipway/plugin-delivery-node';
import request from 'supertest';
import { TEST_COMPONENTS } from './__testUtils__/testComponents';
import { makeRun } from './database/testRuns';
import { deliveryPlugin } from './plugin';

jest.setTimeout(120_000);

const HISTORY = 5000;

/** A provider that reports a long history for one entity. */
const longHistory = createBackendModule({
  pluginId: 'delivery',
  moduleId: 'long-history',
  register(reg) {
    reg.registerInit({
      deps: { providers: deliveryProvidersExtensionPoint },
      async init({ providers }) {
        providers.addPipelineProvider({
          getProviderName: () => 'history',
          async connect(sink) {
            const base = Date.UTC(2026, 0, 1);
            await sink.upsertRuns(
              Array.from({ length: HISTORY }, (_, i) =>
                makeRun({
                  uid: `run-${String(i).padStart(5, '0')}`,
                  provider: 'history',
                  startedAt: new Date(base + i * 60_000).toISOString(),
                  tasks: ['clone', 'build', 'test'].map(t => ({
                    name: `run-${i}-${t}`,
                    pipelineTaskName: t,
                    status: 'succeeded' as const,
                    retries: 0,
                    isFinally: false,
                  })),
                }),
              ),
            );
          },
        });
      },
    });
  },
});

describe('runs page cost', () => {
  it(`answers one page, not the history, for an entity with ${HISTORY} runs`, async () => {
    const { server } = await startTestBackend({
      features: [
        deliveryPlugin,
        longHistory,
        catalogServiceMock.factory({ entities: TEST_COMPONENTS }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const res = await request(server)
      .get('/api/delivery/entities/component/default/payments-api/runs')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(25);
    expect(res.body.items[0].uid).toBe(`run-0${HISTORY - 1}`);
    expect(res.body.items[0].taskSummary).toEqual({ succeeded: 3 });
    expect(res.body.nextCursor).toEqual(expect.any(String));
    // One page of 25 runs is about 15 kB; the whole history would be about 3 MB.
    const bytes = Buffer.byteLength(res.text);
    expect(bytes).toBeLessThan(25_000);
    expect(bytes * (HISTORY / 25)).toBeGreaterThan(2_000_000);

    const deep = await request(server)
      .get(
        `/api/delivery/entities/component/default/payments-api/runs?limit=200&cursor=${res.body.nextCursor}`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(deep.body.items).toHaveLength(200);
    expect(deep.body.items[0].uid).toBe(`run-0${HISTORY - 26}`);
  });
});
