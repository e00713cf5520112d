import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';
import { exampleCatalog } from './__testUtils__/exampleCatalog';

jest.setTimeout(60_000);

/*
 * The demo portal's approvals: examples/ parsed as the catalog, demo data on as in
 * app-config.yaml. The seeded promotions resolve their approvers from that catalog, and the
 * guest may approve checkout-web to staging (an owner, not the triggerer).
 */
describe('demo approvals', () => {
  it('seeds pending promotions the guest can see and one the guest may approve', async () => {
    const { server } = await startTestBackend({
      features: [
        deliveryPlugin,
        mockServices.rootConfig.factory({
          data: {
            delivery: {
              demoData: {
                enabled: true,
                days: 42,
                runSeconds: 1,
                entities: [
                  { entityRef: 'component:default/payments-api' },
                  { entityRef: 'component:default/checkout-web' },
                  {
                    entityRef: 'component:default/fraud-model',
                    pipeline: 'ml',
                  },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: exampleCatalog() }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    const guest = mockCredentials.user.header('user:default/guest');
    let items: ApprovalRequest[] = [];
    for (let i = 0; i < 100 && items.length < 3; i++) {
      await new Promise(r => setTimeout(r, 200));
      const res = await request(server)
        .get('/api/delivery/approvals?state=pending')
        .set('Authorization', guest)
        .expect(200);
      items = res.body.items;
    }
    const byEntity = Object.fromEntries(items.map(r => [r.entityRef, r]));
    expect(Object.keys(byEntity).sort()).toEqual([
      'component:default/checkout-web',
      'component:default/fraud-model',
      'component:default/payments-api',
    ]);
    expect(byEntity['component:default/payments-api']).toMatchObject({
      environment: 'production',
      excluded: ['user:default/ada'],
      rules: [
        {
          name: 'Release managers',
          required: 2,
          eligible: ['user:default/bruno', 'user:default/dana'],
        },
        { name: 'Owners', required: 1, eligible: ['user:default/bruno'] },
      ],
    });
    expect(
      byEntity['component:default/payments-api'].gates.map(g => g.kind),
    ).toEqual(['security', 'soak']);
    expect(byEntity['component:default/fraud-model'].gates).toContainEqual(
      expect.objectContaining({ kind: 'metric', name: 'accuracy >= 0.9' }),
    );

    const web = byEntity['component:default/checkout-web'];
    expect(web.rules[0].eligible).toEqual(['user:default/guest']);
    const approved = await request(server)
      .post(`/api/delivery/approvals/${web.id}/decisions`)
      .set('Authorization', guest)
      .send({ decision: 'approve', comment: 'Checked staging' })
      .expect(201);
    expect(approved.body.state).toBe('approved');

    // staging ran another revision; approving started the demo deploy pipeline, which lands it
    expect(approved.body.deployRun).toMatchObject({
      provider: 'demo',
      name: expect.stringMatching(/^checkout-web-deploy-/),
      startedBy: 'user:default/guest',
    });
    const lane = async () => {
      const res = await request(server)
        .get(
          '/api/delivery/entities/component/default/checkout-web/environments',
        )
        .set('Authorization', guest)
        .expect(200);
      return res.body.environments.find(
        (l: { name: string }) => l.name === 'staging',
      );
    };
    const before = await lane();
    expect(before.current.revision).not.toBe(web.revision);
    expect(before.deploying).toMatchObject({
      runUid: approved.body.deployRun.uid,
      revision: web.revision,
      status: 'running',
    });
    let after = before;
    for (let i = 0; i < 50 && after.current.revision !== web.revision; i++) {
      await new Promise(r => setTimeout(r, 200));
      after = await lane();
    }
    expect(after.current).toMatchObject({
      revision: web.revision,
      runUid: approved.body.deployRun.uid,
    });
    expect(after.deploying).toBeUndefined();
    expect(after.previousVersions[0].revision).toBe(before.current.revision);
    // every other promotion asks for a revision its target does not run yet
    for (const other of items.filter(r => r !== web)) {
      const path = other.entityRef.replace(':', '/');
      const envs = await request(server)
        .get(`/api/delivery/entities/${path}/environments`)
        .set('Authorization', guest)
        .expect(200);
      const target = envs.body.environments.find(
        (l: { name: string }) => l.name === other.environment,
      );
      expect(target.current.revision).toEqual(expect.any(String));
      expect(target.current.revision).not.toBe(other.revision);
    }
  });
});
