import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { makeRun } from '../database/testRuns';
import { users } from './__testUtils__/approvalCatalog';
import { startApprovalBackend } from './__testUtils__/approvalBackend';

/*
 * Environment lanes, policy errors, metric gates read from run results, rollback through the
 * component's deploy pipeline, and the decide permission as a policy may deny it.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const pipeline = mockCredentials.service.header();
const as = (user: string) => mockCredentials.user.header(user);

const deployRun = (uid: string, version: string, completedAt: string) =>
  makeRun({
    uid,
    provider: 'recording',
    entityRef: 'component:default/payments-api',
    pipelineName: 'deploy',
    environment: 'production',
    completedAt,
    git: { branch: 'main', revision: `sha-${version}` },
    image: { digest: version },
  });
const trainRun = (uid: string, accuracy: string) =>
  makeRun({
    uid,
    entityRef: 'component:default/fraud-model',
    pipelineName: 'train',
    tasks: [
      {
        name: `${uid}-validate`,
        pipelineTaskName: 'validate',
        status: 'succeeded',
        retries: 0,
        isFinally: false,
        results: [{ name: 'accuracy', value: accuracy }],
      },
    ],
  });

describe.each(databases.eachSupportedId())(
  'environments API on %p',
  databaseId => {
    let started: Awaited<ReturnType<typeof startApprovalBackend>>;

    beforeAll(async () => {
      started = await startApprovalBackend(await databases.init(databaseId), {
        runs: [
          deployRun('p1', 'v1', '2026-11-01T10:00:00.000Z'),
          deployRun('p2', 'v2', '2026-11-02T10:00:00.000Z'),
          deployRun('p3', 'v2', '2026-11-03T10:00:00.000Z'),
          deployRun('p4', 'v3', '2026-11-04T10:00:00.000Z'),
          trainRun('t1', '0.71'),
          trainRun('t2', '0.91'),
        ],
      });
    });

    const get = (path: string) =>
      request(started.server)
        .get(`/api/delivery${path}`)
        .set('Authorization', pipeline);

    it('shows lanes in promotion order with what runs there and the policy', async () => {
      const res = await get(
        '/entities/component/default/payments-api/environments',
      ).expect(200);
      const lanes = res.body.environments;
      expect(
        lanes.map((l: { name: string; tier: string }) => [l.name, l.tier]),
      ).toEqual([
        ['dev', 'development'],
        ['staging', 'staging'],
        ['production', 'production'],
      ]);
      expect(lanes[0].policy).toBeUndefined();
      expect(lanes[2].current).toMatchObject({ version: 'v3', runUid: 'p4' });
      expect(
        lanes[2].previousVersions.map((v: { version: string }) => v.version),
      ).toEqual(['v2', 'v1']);
      expect(lanes[2].policy).toEqual({
        rules: [
          {
            name: 'Release managers',
            approvals: 2,
            from: ['group:default/release-managers'],
          },
          { name: 'Owners', approvals: 1, from: ['owners'] },
        ],
        preventSelfApproval: true,
        requestExpiresAfterHours: 24,
        approvalValidForHours: 4,
        waitAfterPreviousMinutes: 60,
        securityGate: true,
        metrics: [],
      });
    });

    it('names the entity and field of a broken policy, and missing environments', async () => {
      const res = await get(
        '/entities/component/default/broken-svc/environments',
      ).expect(200);
      expect(
        res.body.environments.map(
          (l: { policyError: string }) => l.policyError,
        ),
      ).toEqual([
        expect.stringMatching(
          /^resource:default\/broken: spec\.approval\.rules\.0\.approvals: Number must be greater than or equal to 1/,
        ),
        'resource:default/nowhere is not in the catalog',
      ]);
      const none = await get(
        '/entities/component/default/no-envs/environments',
      ).expect(200);
      expect(none.body.environments).toEqual([]);
      const create = await request(started.server)
        .post('/api/delivery/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/broken-svc',
          environment: 'broken',
          revision: 'r',
        })
        .expect(400);
      expect(create.body.error.message).toMatch(
        /Invalid environment policy: resource:default\/broken/,
      );
    });

    it('holds approval while a metric gate of the run fails', async () => {
      const ask = (
        runUid: string,
        revision = 'a'.repeat(40),
        entityRef = 'component:default/fraud-model',
      ) =>
        request(started.server)
          .post('/api/delivery/approvals')
          .set('Authorization', pipeline)
          .send({ entityRef, environment: 'staging', revision, runUid })
          .expect(201);
      const low = await ask('t1');
      expect(low.body.gates).toEqual([
        {
          kind: 'metric',
          name: 'accuracy >= 0.8',
          passed: false,
          detail: 'accuracy = 0.71 in run run-t1 (needs >= 0.8)',
        },
      ]);
      const refused = await request(started.server)
        .post(`/api/delivery/approvals/${low.body.id}/decisions`)
        .set('Authorization', as(users.finn))
        .send({ decision: 'approve', comment: 'ship it' })
        .expect(409);
      expect(refused.body.error.message).toMatch(
        /Cannot approve while gates fail: accuracy >= 0.8/,
      );

      // the run must be the entity's own, of the revision promoted (review H2)
      const otherRevision = await ask('t2', 'b'.repeat(40));
      expect(otherRevision.body.gates[0]).toMatchObject({
        passed: false,
        detail: `Run run-t2 built revision ${'a'.repeat(12)}, not ${'b'.repeat(
          12,
        )}; its results cannot pass this gate`,
      });

      const high = await ask('t2');
      expect(high.body.gates[0].passed).toBe(true);
      const approved = await request(started.server)
        .post(`/api/delivery/approvals/${high.body.id}/decisions`)
        .set('Authorization', as(users.finn))
        .send({ decision: 'approve', comment: 'ship it' })
        .expect(201);
      expect(approved.body.state).toBe('approved');
    });

    it('lets no untrusted deployment pass a soak gate (review H2)', async () => {
      await request(started.server)
        .post('/api/delivery/events/deployments')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('external:forger'),
            targetPluginId: 'delivery',
          }),
        )
        .send([
          {
            id: 'forged-staging',
            entityRef: 'component:default/payments-api',
            environment: 'staging',
            status: 'success',
            finishedAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
            commitSha: 'f0f0f0f',
          },
        ])
        .expect(200);
      const res = await request(started.server)
        .post('/api/delivery/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/payments-api',
          environment: 'production',
          revision: 'f0f0f0f',
        })
        .expect(201);
      expect(res.body.gates).toContainEqual(
        expect.objectContaining({
          kind: 'soak',
          passed: false,
          detail: 'This revision has not been deployed to staging',
        }),
      );
    });

    it('holds a request that needs no approver until its gates pass (review: approved at creation)', async () => {
      await request(started.server)
        .post('/api/delivery/events/deployments')
        .set('Authorization', pipeline)
        .send([
          {
            id: 'gated-dev-1',
            entityRef: 'component:default/gated-svc',
            environment: 'dev',
            status: 'success',
            finishedAt: new Date().toISOString(),
            commitSha: 'c0ffee1',
          },
        ])
        .expect(200);
      const created = await request(started.server)
        .post('/api/delivery/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/gated-svc',
          environment: 'qa',
          revision: 'c0ffee1',
        })
        .expect(201);
      expect(created.body.state).toBe('pending');
      expect(created.body.gates).toEqual([
        expect.objectContaining({ kind: 'soak', passed: false }),
      ]);
      await new Promise(r => setTimeout(r, 700));
      const later = await request(started.server)
        .get(`/api/delivery/approvals/${created.body.id}`)
        .set('Authorization', pipeline)
        .expect(200);
      expect(later.body.state).toBe('approved');
      expect(later.body.gates).toEqual([
        expect.objectContaining({ kind: 'soak', passed: true }),
      ]);
      expect(later.body.history.at(-1)).toMatchObject({
        actor: 'slipway',
        comment: 'The environment requires no approval and its gates pass',
      });
    });

    it('fails the soak gate when the revision never ran in the previous environment', async () => {
      const res = await request(started.server)
        .post('/api/delivery/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/payments-api',
          environment: 'production',
          revision: 'never',
        })
        .expect(201);
      expect(res.body.gates).toContainEqual({
        kind: 'soak',
        name: 'soak 1 h in staging',
        passed: false,
        detail: 'This revision has not been deployed to staging',
      });
    });

    it('rolls back one environment by starting the deploy pipeline at the earlier version, once per key', async () => {
      const rollback = (body: object, auth = as(users.bruno), key?: string) => {
        const call = request(started.server)
          .post(
            '/api/delivery/entities/component/default/payments-api/environments/production/rollback',
          )
          .set('Authorization', auth);
        return (key ? call.set('Idempotency-Key', key) : call).send(body);
      };
      // earlier tests' approved promotions started deploy runs too
      const before = started.provider.starts.length;
      const n = before + 1;
      const latest = await rollback({}, as(users.bruno), 'rb-1').expect(201);
      expect(latest.body).toEqual({
        provider: 'recording',
        name: `payments-api-deploy-run-${n}`,
        uid: `started-${n}`,
        version: 'v2',
        environment: 'production',
      });
      // a retry with the same key answers the same and starts nothing
      const retried = await rollback({}, as(users.bruno), 'rb-1').expect(201);
      expect(retried.body).toEqual(latest.body);
      expect(started.provider.starts.slice(before)).toEqual([
        {
          entityRef: 'component:default/payments-api',
          pipelineName: 'payments-api-deploy',
          namespace: 'payments-api-ci',
          serviceAccountName: 'deployer',
          params: [
            { name: 'environment', value: 'production' },
            { name: 'revision', value: 'sha-v2' },
            { name: 'version', value: 'v2' },
          ],
          labels: { 'backstage.io/kubernetes-id': 'payments-api' },
          requestedBy: users.bruno,
        },
      ]);
      await rollback({ version: 'v1' }).expect(201);
      expect(started.provider.starts.at(-1)?.params).toContainEqual({
        name: 'revision',
        value: 'sha-v1',
      });
      // the old way (rerunning a whole pipeline run) is gone
      expect(started.provider.reruns).toEqual([]);
      const unknown = await rollback({ version: 'v9' }).expect(404);
      expect(unknown.body.error.message).toBe(
        'component:default/payments-api never ran version v9 in production',
      );
      await rollback({}, pipeline).expect(403);
      expect(started.provider.starts).toHaveLength(before + 2);
    });
  },
);

describe('the decide permission', () => {
  it('is checked on the request: a policy that denies it gets 403 and nothing is recorded', async () => {
    const denyDecide = createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => ({
        authorize: async (requests: Array<{ permission: { name: string } }>) =>
          requests.map(r => ({
            result:
              r.permission.name === 'delivery.approval.decide'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: unknown[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }),
    });
    const { server } = await startApprovalBackend(
      await databases.init('SQLITE_3'),
      {
        features: [denyDecide],
      },
    );
    const created = await request(server)
      .post('/api/delivery/approvals')
      .set('Authorization', pipeline)
      .send({
        entityRef: 'component:default/payments-api',
        environment: 'staging',
        revision: 'x',
      })
      .expect(201);
    const res = await request(server)
      .post(`/api/delivery/approvals/${created.body.id}/decisions`)
      .set('Authorization', as(users.finn))
      .send({ decision: 'approve', comment: 'ok' })
      .expect(403);
    expect(res.body.error.message).toContain('delivery.approval.decide');
    const view = await request(server)
      .get(`/api/delivery/approvals/${created.body.id}`)
      .set('Authorization', as(users.finn))
      .expect(200);
    expect(view.body).toMatchObject({
      state: 'pending',
      decisions: [],
      viewer: {
        canDecide: false,
        reason: 'The permission policy does not allow you to decide',
      },
    });
  });
});
