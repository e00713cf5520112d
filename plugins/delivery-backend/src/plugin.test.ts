import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { TEST_COMPONENTS } from './__testUtils__/testComponents';
import { deliveryPlugin } from './plugin';

jest.setTimeout(60_000);

const config = {
  delivery: {
    demoData: {
      enabled: true,
      days: 14,
      entities: [{ entityRef: 'component:default/payments-api' }],
    },
  },
};

async function start(permission: 'ALLOW' | 'DENY' = 'ALLOW') {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({ entities: TEST_COMPONENTS }),
    ],
  });
  return server;
}

const runsPath = '/api/delivery/entities/component/default/payments-api/runs';

describe('deliveryPlugin', () => {
  it('serves the seeded demo runs, newest first, paged', async () => {
    const server = await start();
    const first = await request(server)
      .get(`${runsPath}?limit=10`)
      .set('Authorization', mockCredentials.user.header());
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0].status).toBe('running');
    expect(first.body.items[1].taskSummary).toEqual(expect.any(Object));
    const summary = first.body.items[1].taskSummary as Record<string, number>;
    expect(Object.values(summary).reduce((a, b) => a + b, 0)).toBeGreaterThan(
      2,
    );
    const times = first.body.items.map(
      (r: { startedAt: string }) => r.startedAt,
    );
    expect([...times].sort().reverse()).toEqual(times);

    const second = await request(server)
      .get(`${runsPath}?limit=10&cursor=${first.body.nextCursor}`)
      .set('Authorization', mockCredentials.user.header());
    expect(second.status).toBe(200);
    expect(second.body.items[0].startedAt <= times[9]).toBe(true);
    const firstIds = new Set(
      first.body.items.map((r: { uid: string }) => r.uid),
    );
    expect(
      second.body.items.some((r: { uid: string }) => firstIds.has(r.uid)),
    ).toBe(false);

    const one = await request(server)
      .get(`/api/delivery/runs/${first.body.items[1].uid}`)
      .set('Authorization', mockCredentials.user.header());
    expect(one.status).toBe(200);
    expect(one.body.tasks.length).toBeGreaterThan(0);
    expect(one.body.queueSeconds).toBeGreaterThanOrEqual(0);
  });

  it('answers pipeline statistics from the stored runs', async () => {
    const server = await start();
    const res = await request(server)
      .get(
        '/api/delivery/entities/component/default/payments-api/pipeline-stats?days=14',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ci = res.body.pipelines.find(
      (p: { pipelineName: string }) => p.pipelineName === 'payments-api-ci',
    );
    expect(ci.finishedRuns).toBeGreaterThan(10);
    expect(ci.successRate).toBeGreaterThan(0);
    expect(ci.successRate).toBeLessThan(1);
    expect(ci.durationP90Seconds).toBeGreaterThanOrEqual(
      ci.durationMedianSeconds,
    );
  });

  it('lets the demo runs show logs, rerun and cancel', async () => {
    const server = await start();
    const auth = mockCredentials.user.header();
    const failed = await request(server)
      .get(`${runsPath}?status=failed&limit=1`)
      .set('Authorization', auth);
    const run = await request(server)
      .get(`/api/delivery/runs/${failed.body.items[0].uid}`)
      .set('Authorization', auth);
    const failedTask = run.body.tasks.find(
      (t: { status: string }) => t.status === 'failed',
    );
    const logs = await request(server)
      .get(
        `/api/delivery/runs/${run.body.uid}/tasks/${failedTask.pipelineTaskName}/logs`,
      )
      .set('Authorization', auth);
    expect(logs.status).toBe(200);
    expect(logs.body.steps.at(-1).log).toContain('Process exited with code 1');

    const rerun = await request(server)
      .post(`/api/delivery/runs/${run.body.uid}/rerun`)
      .set('Authorization', auth);
    expect(rerun.status).toBe(201);
    const newest = await request(server)
      .get(`/api/delivery/runs/${rerun.body.uid}`)
      .set('Authorization', auth);
    expect(newest.body).toMatchObject({
      status: 'running',
      rerunOf: run.body.uid,
    });

    const cancel = await request(server)
      .post(`/api/delivery/runs/${rerun.body.uid}/cancel`)
      .set('Authorization', auth);
    expect(cancel.status).toBe(202);
    const cancelled = await request(server)
      .get(`/api/delivery/runs/${rerun.body.uid}`)
      .set('Authorization', auth);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('answers 401 without credentials', async () => {
    const server = await start();
    const res = await request(server)
      .get(runsPath)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 403 when the policy denies delivery.run.read', async () => {
    const server = await start('DENY');
    const res = await request(server)
      .get(runsPath)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('delivery.run.read');
  });

  it('answers 400 naming the bad parameter, and 404 for an unknown run', async () => {
    const server = await start();
    const bad = await request(server)
      .get(`${runsPath}?limit=0&status=exploded`)
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/);
    expect(bad.body.error.message).toMatch(/status/);

    const unknownParam = await request(server)
      .get(`${runsPath}?colour=blue`)
      .set('Authorization', mockCredentials.user.header());
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.error.message).toContain('colour');

    const missing = await request(server)
      .get('/api/delivery/runs/does-not-exist')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
  });
});
