import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startTrustBackend,
  TrustProvider,
} from '../__testUtils__/trustBackend';
import { makeRun } from '../database/testRuns';

/*
 * Trust part 2 (review M6): a retried rerun or approval request with the same Idempotency-Key
 * answers what the first one did — one run started, the pipeline's request not superseded — on
 * SQLite and PostgreSQL.
 */

jest.setTimeout(120_000);

const API = '/api/delivery';
const owner = mockCredentials.user.header('user:default/pat');
const pipeline = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:pipeline-svc-a'),
  targetPluginId: 'delivery',
});
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'idempotent actions on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let provider: TrustProvider;

    beforeAll(async () => {
      ({ server, provider } = await startTrustBackend(
        await databases.init(databaseId),
        [
          makeRun({ uid: 'a1', entityRef: 'component:default/svc-a' }),
          makeRun({ uid: 'a2', entityRef: 'component:default/svc-a' }),
        ],
      ));
    });

    it('starts one run for a retried rerun, and refuses the key for another run', async () => {
      const rerun = (uid: string, key?: string) => {
        const call = request(server)
          .post(`${API}/runs/${uid}/rerun`)
          .set('Authorization', owner);
        return key ? call.set('Idempotency-Key', key) : call;
      };
      const first = await rerun('a1', 'retry-1');
      const second = await rerun('a1', 'retry-1');
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect(provider.actions.filter(a => a === 'rerun a1')).toHaveLength(1);

      const other = await rerun('a2', 'retry-1');
      expect(other.status).toBe(409);
      expect(other.body.error.message).toBe(
        "Idempotency-Key 'retry-1' was used for a1, not a2",
      );

      const bad = await rerun('a1', 'has space');
      expect(bad.status).toBe(400);

      await rerun('a1');
      expect(provider.actions.filter(a => a === 'rerun a1')).toHaveLength(2);
    });

    it('answers a retried approval request with the first one, superseding nothing', async () => {
      const ask = (key?: string) => {
        const call = request(server)
          .post(`${API}/approvals`)
          .set('Authorization', pipeline)
          .send({
            entityRef: 'component:default/svc-a',
            environment: 'staging',
            revision: 'e'.repeat(40),
          });
        return key ? call.set('Idempotency-Key', key) : call;
      };
      const first = await ask('gate-run-7');
      const retried = await ask('gate-run-7');
      expect([first.status, retried.status]).toEqual([201, 201]);
      expect(retried.body.id).toBe(first.body.id);
      const still = await request(server)
        .get(`${API}/approvals/${first.body.id}`)
        .set('Authorization', owner);
      expect(still.body.state).toBe('pending');

      const fresh = await ask();
      expect(fresh.body.id).not.toBe(first.body.id);
      const superseded = await request(server)
        .get(`${API}/approvals/${first.body.id}`)
        .set('Authorization', owner);
      expect(superseded.body.state).toBe('superseded');
    });
  },
);
