import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startApprovalBackend } from './__testUtils__/approvalBackend';
import { users } from './__testUtils__/approvalCatalog';

/*
 * Trust part 2 (review H5): the triggerer and commit authors a pipeline names are matched to
 * catalog users by ref, e-mail or SCM login; what matches nobody is shown and, by default,
 * blocks every decision — on SQLite and PostgreSQL.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const pipeline = mockCredentials.service.header();
const as = (user: string) => mockCredentials.user.header(user);

describe.each(databases.eachSupportedId())(
  'self-approval on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startApprovalBackend>>['server'];

    beforeAll(async () => {
      ({ server } = await startApprovalBackend(
        await databases.init(databaseId),
      ));
    });

    const ask = (environment: string, body: object) =>
      request(server)
        .post('/api/delivery/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/payments-api',
          environment,
          revision: 'abc1234',
          ...body,
        });
    const view = (id: string, user: string) =>
      request(server)
        .get(`/api/delivery/approvals/${id}`)
        .set('Authorization', as(user));

    it('excludes a triggerer named by GitHub login (the review H5 repro)', async () => {
      const created = await ask('staging', { triggeredBy: 'ada-l' });
      expect(created.status).toBe(201);
      expect(created.body.excluded).toContain(users.ada);
      expect(created.body.unresolvedIdentities).toBeUndefined();
      const decided = await request(server)
        .post(`/api/delivery/approvals/${created.body.id}/decisions`)
        .set('Authorization', as(users.ada))
        .send({ decision: 'approve', comment: 'mine' });
      expect(decided.status).toBe(403);
      expect(decided.body.error.message).toContain(
        'triggered or authored this promotion',
      );
    });

    it('blocks every decision on an identity nobody could match, and says why', async () => {
      const created = await ask('production', {
        triggeredBy: users.ada,
        commitAuthors: [
          'dan@example.com',
          'ghost@elsewhere.example',
          'nobody-login',
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body.excluded).toEqual(
        expect.arrayContaining([users.ada, users.dan]),
      );
      expect(created.body.unresolvedIdentities).toEqual([
        'ghost@elsewhere.example',
        'nobody-login',
      ]);
      expect(created.body.blockedByUnresolved).toBe(true);

      const asBruno = await view(created.body.id, users.bruno);
      expect(asBruno.body.viewer).toEqual({
        canDecide: false,
        reason: expect.stringContaining(
          'Nobody may decide until ghost@elsewhere.example, nobody-login is matched',
        ),
      });
      const decided = await request(server)
        .post(`/api/delivery/approvals/${created.body.id}/decisions`)
        .set('Authorization', as(users.bruno))
        .send({ decision: 'approve', comment: 'looks fine' });
      expect(decided.status).toBe(403);
      expect(decided.body.error.message).toContain('Nobody may decide until');
    });

    it('lets a policy with unresolvedIdentities: allow go on, showing what it could not match', async () => {
      const created = await ask('staging', {
        commitAuthors: ['ghost@elsewhere.example'],
      });
      expect(created.status).toBe(201);
      expect(created.body.unresolvedIdentities).toEqual([
        'ghost@elsewhere.example',
      ]);
      expect(created.body.blockedByUnresolved).toBeUndefined();
      const decided = await request(server)
        .post(`/api/delivery/approvals/${created.body.id}/decisions`)
        .set('Authorization', as(users.dan))
        .send({ decision: 'approve', comment: 'ok' });
      expect(decided.status).toBe(201);
    });
  },
);
