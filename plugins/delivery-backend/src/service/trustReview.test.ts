import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startTrustBackend,
  TrustProvider,
  RecordedAudit,
} from '../__testUtils__/trustBackend';
import { makeRun } from '../database/testRuns';

/*
 * One test per item of the December 2026 security review that trust part 1 answers
 * (../shared/reviews/security-2026-12.md: H1, H4, H6, L1, L2, L3, and M3's bad ids), through the
 * HTTP API with the real catalog and permission backends, on SQLite and PostgreSQL. The access
 * matrix beside this file covers every route; these name the review's scenarios.
 */

jest.setTimeout(120_000);

const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const pipeline = (entity: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`external:pipeline-${entity}`),
    targetPluginId: 'delivery',
  });
const API = '/api/delivery';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'security review items on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let provider: TrustProvider;
    let audits: RecordedAudit[];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server, provider, audits } = await startTrustBackend(knex, [
        makeRun({
          uid: 'a1',
          entityRef: 'component:default/svc-a',
          status: 'running',
          tasks: [
            {
              name: 'a1-build',
              pipelineTaskName: 'build',
              status: 'running',
              retries: 0,
              isFinally: false,
            },
          ],
        }),
      ]));
    });

    it('H1: a hidden entity is a 404 and another team cannot cancel its run', async () => {
      const hidden = await request(server)
        .get(`${API}/entities/component/default/svc-a/runs`)
        .set('Authorization', user('hugo'));
      const absent = await request(server)
        .get(`${API}/entities/component/default/no-such/runs`)
        .set('Authorization', user('hugo'));
      expect([hidden.status, absent.status]).toEqual([404, 404]);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/svc-a in the catalog',
      );

      const cancel = await request(server)
        .post(`${API}/runs/a1/cancel`)
        .set('Authorization', user('olga'));
      expect(cancel.status).toBe(403);
      expect(cancel.body.error.message).toBe(
        'Only the owners of component:default/svc-a (owned by group:default/team-a) may rerun, cancel or start the pipeline runs of it: the permission policy denies you delivery.run.execute',
      );
      expect(provider.actions).not.toContain('cancel a1');
    });

    it("H4: another entity's pipeline can neither cancel nor supersede a request", async () => {
      const asked = await request(server)
        .post(`${API}/approvals`)
        .set('Authorization', pipeline('svc-a'))
        .send({
          entityRef: 'component:default/svc-a',
          environment: 'staging',
          revision: 'c'.repeat(40),
        });
      expect(asked.status).toBe(201);
      const cancel = await request(server)
        .post(`${API}/approvals/${asked.body.id}/cancel`)
        .set('Authorization', pipeline('svc-b'))
        .send({});
      expect(cancel.status).toBe(404);
      const supersede = await request(server)
        .post(`${API}/approvals`)
        .set('Authorization', pipeline('svc-b'))
        .send({
          entityRef: 'component:default/svc-a',
          environment: 'staging',
          revision: 'd'.repeat(40),
        });
      expect(supersede.status).toBe(404);
      const still = await request(server)
        .get(`${API}/approvals/${asked.body.id}`)
        .set('Authorization', user('pat'));
      expect(still.body.state).toBe('pending');
    });

    it('H4: a pipeline token Slipway issued reaches only the entity it was issued for', async () => {
      const issued = (entity: string) =>
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service(
            `external:slipway-pipeline:component:default/${entity}`,
          ),
          targetPluginId: 'delivery',
        });
      const own = await request(server)
        .get(`${API}/entities/component/default/svc-a/security-gate`)
        .set('Authorization', issued('svc-a'));
      expect(own.status).toBe(200);
      const other = await request(server)
        .get(`${API}/entities/component/default/svc-b/security-gate`)
        .set('Authorization', issued('svc-a'));
      expect([other.status, other.body.error.message]).toEqual([
        404,
        'No entity component:default/svc-b in the catalog',
      ]);
    });

    it('H6: logs are read as a bounded tail, never whole', async () => {
      const logs = await request(server)
        .get(`${API}/runs/a1/tasks/build/logs`)
        .set('Authorization', user('olga'));
      expect(logs.status).toBe(200);
      const asked = await request(server)
        .get(`${API}/runs/a1/tasks/build/logs?limitBytes=2048`)
        .set('Authorization', user('olga'));
      expect(asked.status).toBe(200);
      expect(provider.actions).toEqual(
        expect.arrayContaining(['logs a1-build 262144', 'logs a1-build 2048']),
      );
      const tooMuch = await request(server)
        .get(`${API}/runs/a1/tasks/build/logs?limitBytes=999999999`)
        .set('Authorization', user('olga'));
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.error.message).toContain('limitBytes');
    });

    it('L1: refusals are audited with their target, and events record the ids they wrote', async () => {
      audits.length = 0;
      await request(server)
        .post(`${API}/runs/a1/rerun`)
        .set('Authorization', mockCredentials.none.header());
      await request(server)
        .post(`${API}/runs/a1/rerun`)
        .set('Authorization', user('olga'));
      await request(server)
        .post(`${API}/findings/123456/unsuppress`)
        .set('Authorization', user('pat'));
      const written = await request(server)
        .post(`${API}/events/deployments`)
        .set('Authorization', pipeline('svc-a'))
        .send([
          {
            id: 'dep-l1',
            entityRef: 'component:default/svc-a',
            environment: 'production',
            status: 'success',
            finishedAt: '2026-12-01T10:00:00Z',
          },
        ]);
      expect(written.status).toBe(200);
      const delivery = audits.filter(a => !a.eventId.startsWith('entity-'));
      expect(delivery).toEqual([
        expect.objectContaining({
          eventId: 'run-rerun',
          outcome: 'failed',
          withRequest: false,
          meta: expect.objectContaining({ uid: 'a1', refused: 'credentials' }),
        }),
        expect.objectContaining({
          eventId: 'run-rerun',
          outcome: 'failed',
          withRequest: true,
          meta: { uid: 'a1' },
          error: expect.stringContaining('delivery.run.execute'),
        }),
        expect.objectContaining({
          eventId: 'finding-unsuppress',
          outcome: 'failed',
          error: "No finding with id '123456'",
        }),
        expect.objectContaining({
          eventId: 'events-deployments',
          outcome: 'succeeded',
          meta: expect.objectContaining({
            ids: ['dep-l1'],
            entityRefs: ['component:default/svc-a'],
          }),
        }),
      ]);
    });

    it('L2: a bad environment, owner or id is a 400 naming it, not a 500', async () => {
      const env = await request(server)
        .post(
          `${API}/entities/component/default/svc-a/environments/bad env!/rollback`,
        )
        .set('Authorization', user('pat'))
        .send({});
      expect(env.status).toBe(400);
      expect(env.body.error.message).toContain(
        "Invalid environment 'bad env!'",
      );
      const upper = await request(server)
        .post(
          `${API}/entities/component/default/svc-a/environments/Staging/rollback`,
        )
        .set('Authorization', user('pat'))
        .send({});
      expect([upper.status, upper.body.error.message]).toEqual([
        404,
        'component:default/svc-a has no earlier version in staging to roll back to',
      ]);
      const owner = await request(server)
        .get(`${API}/dora?owner=x:/`)
        .set('Authorization', user('pat'));
      expect([owner.status, owner.body.error.message]).toEqual([
        400,
        "Invalid entity ref 'x:/' in owner",
      ]);
      const id = await request(server)
        .get(`${API}/findings/abc`)
        .set('Authorization', user('pat'));
      expect(id.status).toBe(400);
      expect(id.body.error.message).toContain("Invalid finding id 'abc'");
    });

    it('L3: gate, upload, approvals and environments give no existence oracle', async () => {
      const calls = [
        request(server).get(
          `${API}/entities/component/default/svc-a/security-gate`,
        ),
        request(server).get(
          `${API}/entities/component/default/svc-a/environments`,
        ),
        request(server).get(
          `${API}/approvals?entityRef=component:default/svc-a`,
        ),
        request(server).post(
          `${API}/entities/component/default/svc-a/findings`,
        ),
      ];
      for (const call of calls) {
        const res = await call.set('Authorization', user('hugo'));
        expect([res.status, res.body.error.message]).toEqual([
          404,
          'No entity component:default/svc-a in the catalog',
        ]);
      }
    });
  },
);
