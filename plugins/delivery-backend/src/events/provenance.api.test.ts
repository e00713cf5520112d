import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startDoraBackend } from '../__testUtils__/doraBackend';

/*
 * Trust part 2 (review H3, M3): a record keeps its entity and its source, run-derived ids are
 * reserved, a batch names each record once, and null means absent — on SQLite and PostgreSQL.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const pipeline = (name: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`external:${name}`),
    targetPluginId: 'delivery',
  });
const deployment = (over: object = {}) => ({
  id: 'deploy-1',
  entityRef: 'component:default/ledger',
  environment: 'production',
  status: 'success',
  finishedAt: '2026-12-01T10:00:00Z',
  version: '1.0.0',
  ...over,
});

describe.each(databases.eachSupportedId())(
  'record provenance on %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const { server } = await startDoraBackend(knex);
      const post = (who: string, kind: string, body: unknown) =>
        request(server)
          .post(`/api/delivery/events/${kind}`)
          .set('Authorization', who)
          .send(body as object);
      const stored = () =>
        knex('delivery_deployments')
          .select('id', 'entity_ref', 'version', 'recorded_by')
          .orderBy('id');
      return { post, stored, knex };
    }

    it("refuses ids of run-derived deployments, another source's records and another entity's, storing nothing", async () => {
      const { post, stored } = await start();
      const forged = await post(pipeline('ci-a'), 'deployments', [
        deployment({ id: 'run:0b7c2d', status: 'failed' }),
      ]);
      expect(forged.status).toBe(409);
      expect(forged.body.error.message).toContain(
        "reserved for deployments Slipway derives from pipeline runs: 'run:0b7c2d'",
      );

      expect(
        (await post(pipeline('ci-a'), 'deployments', [deployment()])).status,
      ).toBe(200);
      const rewrite = await post(pipeline('ci-b'), 'deployments', [
        deployment({ id: 'deploy-2', version: '2.0.0' }),
        deployment({ version: '6.6.6', status: 'failed' }),
      ]);
      expect(rewrite.status).toBe(409);
      expect(rewrite.body.error.message).toBe(
        "Deployment 'deploy-1' was recorded by service:external:ci-a; only that source can correct it",
      );
      const moved = await post(pipeline('ci-a'), 'deployments', [
        deployment({ entityRef: 'component:default/api' }),
      ]);
      expect(moved.status).toBe(409);
      expect(moved.body.error.message).toContain(
        'belongs to component:default/ledger',
      );
      expect(await stored()).toEqual([
        {
          id: 'deploy-1',
          entity_ref: 'component:default/ledger',
          version: '1.0.0',
          recorded_by: 'service:external:ci-a',
        },
      ]);

      const corrected = await post(pipeline('ci-a'), 'deployments', [
        deployment({ version: '1.0.1' }),
      ]);
      expect(corrected.status).toBe(200);
      expect((await stored())[0].version).toBe('1.0.1');
    });

    it("keeps an incident's source the same way, and a commit another source recorded first", async () => {
      const { post, knex } = await start();
      const incident = {
        id: 'inc-1',
        entityRef: 'component:default/ledger',
        startedAt: '2026-12-01T11:00:00Z',
      };
      expect(
        (await post(pipeline('pager'), 'incidents', [incident])).status,
      ).toBe(200);
      const closed = await post(pipeline('other'), 'incidents', [
        { ...incident, resolvedAt: '2026-12-01T11:05:00Z' },
      ]);
      expect(closed.status).toBe(409);

      const change = {
        sha: 'abcdef1',
        entityRef: 'component:default/ledger',
        authoredAt: '2026-11-30T09:00:00Z',
      };
      expect((await post(pipeline('scm'), 'changes', [change])).status).toBe(
        200,
      );
      expect(
        (
          await post(pipeline('ci'), 'changes', [
            { ...change, authoredAt: '2020-01-01T00:00:00Z' },
          ])
        ).status,
      ).toBe(200);
      const [row] = await knex('delivery_changes').where({ sha: 'abcdef1' });
      expect(new Date(row.authored_at).toISOString()).toBe(
        '2026-11-30T09:00:00.000Z',
      );
      expect(row.recorded_by).toBe('service:external:scm');
    });

    it('refuses a batch that names a record twice with a 400, not a database error', async () => {
      const { post, stored } = await start();
      const twice = await post(pipeline('ci-a'), 'deployments', [
        deployment(),
        deployment({ id: 'deploy-2' }),
        deployment({ version: '1.0.1' }),
      ]);
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toBe(
        "Invalid deployments batch: [2] repeats the id 'deploy-1' of [0]; send each record once",
      );
      const commits = await post(pipeline('ci-a'), 'changes', [
        {
          sha: 'ABCDEF1',
          entityRef: 'component:default/ledger',
          authoredAt: '2026-11-30T09:00:00Z',
        },
        {
          sha: 'abcdef1',
          entityRef: 'component:default/ledger',
          authoredAt: '2026-11-30T09:00:00Z',
        },
      ]);
      expect(commits.status).toBe(400);
      expect(await stored()).toEqual([]);
    });

    it('takes null for the optional fields DORA.md lists as absent', async () => {
      const { post, stored } = await start();
      const res = await post(pipeline('ci-a'), 'deployments', [
        deployment({
          startedAt: null,
          commitSha: null,
          version: null,
          remediationFor: null,
        }),
      ]);
      expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
      expect((await stored())[0].version).toBeNull();
      const incident = await post(pipeline('ci-a'), 'incidents', [
        {
          id: 'inc-2',
          entityRef: 'component:default/ledger',
          startedAt: '2026-12-01T11:00:00Z',
          title: null,
          resolvedAt: null,
          causedByDeploymentId: null,
        },
      ]);
      expect(incident.status).toBe(200);
    });
  },
);
