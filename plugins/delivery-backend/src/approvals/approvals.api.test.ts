import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { users } from './__testUtils__/approvalCatalog';
import { startApprovalBackend } from './__testUtils__/approvalBackend';

/*
 * Approvals through the HTTP API: a pipeline asks to promote payments-api to production; the
 * catalog decides who may approve (2 release managers, child group included, and 1 owner, with
 * the triggerer and the commit author excluded); decisions move the request to its end.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const pipeline = mockCredentials.service.header();
const as = (user: string) => mockCredentials.user.header(user);
const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3_600_000).toISOString();

describe.each(databases.eachSupportedId())(
  'approvals API on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startApprovalBackend>>['server'];
    let auditor: Awaited<ReturnType<typeof startApprovalBackend>>['auditor'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server, auditor } = await startApprovalBackend(knex));
      await request(server)
        .post('/api/delivery/events/deployments')
        .set('Authorization', pipeline)
        .send([
          {
            id: 'staging-abc',
            entityRef: 'component:default/payments-api',
            environment: 'staging',
            status: 'success',
            finishedAt: hoursAgo(2),
            commitSha: 'abc1234',
            version: '1.4.0',
          },
        ])
        .expect(200);
    });

    const create = (body: object, auth = pipeline) =>
      request(server)
        .post('/api/delivery/approvals')
        .set('Authorization', auth)
        .send(body);
    const decide = (
      id: string,
      user: string,
      decision: string,
      comment = 'ok',
    ) =>
      request(server)
        .post(`/api/delivery/approvals/${id}/decisions`)
        .set('Authorization', as(user))
        .send({ decision, comment });

    const production = {
      entityRef: 'component:default/payments-api',
      environment: 'production',
      revision: 'abc1234',
      version: '1.4.0',
      triggeredBy: users.ada,
      commitAuthors: ['dan@example.com'],
    };

    it('resolves who may approve from the catalog and takes N-of-M distinct decisions', async () => {
      const created = await create(production).expect(201);
      const id = created.body.id;
      expect(created.body).toMatchObject({
        state: 'pending',
        environmentRef: 'resource:default/production',
        tier: 'production',
        requestedBy: 'service:external:test-service',
        excluded: [users.ada, users.dan],
        rules: [
          {
            name: 'Release managers',
            required: 2,
            eligible: [users.bruno, users.carla],
          },
          { name: 'Owners', required: 1, eligible: [users.finn] },
        ],
        gates: [
          { kind: 'security', passed: true },
          { kind: 'soak', passed: true },
        ],
      });

      expect(
        (await decide(id, users.ada, 'approve').expect(403)).body.error.message,
      ).toMatch(/requested, triggered or authored/);
      expect(
        (await decide(id, users.eve, 'approve').expect(403)).body.error.message,
      ).toMatch(/not an approver of resource:default\/production/);
      await decide(id, users.bruno, 'approve', 'LGTM').expect(201);
      expect(
        (await decide(id, users.bruno, 'approve').expect(409)).body.error
          .message,
      ).toMatch(/already decided/);
      const second = await decide(id, users.carla, 'approve').expect(201);
      expect(second.body.state).toBe('pending');
      expect(second.body.rules[0]).toMatchObject({
        satisfied: true,
        approvedBy: [users.bruno, users.carla],
      });

      const last = await decide(id, users.finn, 'approve').expect(201);
      expect(last.body.state).toBe('approved');
      const validFor =
        Date.parse(last.body.validUntil) - Date.parse(last.body.decidedAt);
      expect(validFor).toBe(4 * 3_600_000);
      expect(last.body.history.map((h: { type: string }) => h.type)).toEqual([
        'requested',
        'decision',
        'decision',
        'decision',
        'transition',
      ]);
      expect(last.body.viewer).toEqual({
        canDecide: false,
        reason: 'The request is approved',
      });
      await decide(id, users.carla, 'reject').expect(409);

      const audited = auditor.createEvent.mock.calls.map(([e]) => e.eventId);
      expect(audited.filter(e => e === 'approval-decide')).toHaveLength(7);
      expect(audited).toContain('approval-request');
    });

    it('lets one reject close the request and supersedes older pending requests', async () => {
      const first = await create({ ...production, revision: 'abc1234' }).expect(
        201,
      );
      const second = await create(production).expect(201);
      const old = await request(server)
        .get(`/api/delivery/approvals/${first.body.id}`)
        .set('Authorization', as(users.bruno))
        .expect(200);
      expect(old.body).toMatchObject({
        state: 'superseded',
        supersededBy: second.body.id,
      });

      await decide(second.body.id, users.bruno, 'approve').expect(201);
      const rejected = await decide(
        second.body.id,
        users.finn,
        'reject',
        'breaks the ledger',
      ).expect(201);
      expect(rejected.body.state).toBe('rejected');
      expect(
        rejected.body.decisions.map((d: { comment: string }) => d.comment),
      ).toEqual(['ok', 'breaks the ledger']);
    });

    it('refuses a decision without a comment and bad requests, storing nothing', async () => {
      const created = await create(production).expect(201);
      const noComment = await decide(
        created.body.id,
        users.bruno,
        'approve',
        ' ',
      ).expect(400);
      expect(noComment.body.error.message).toMatch(
        /comment: a decision needs a comment/,
      );
      const bad = await create({ ...production, environment: 'moon' }).expect(
        400,
      );
      expect(bad.body.error.message).toMatch(
        /lists no environment 'moon' \(it lists dev, staging, production\)/,
      );
      const unknown = await create({ ...production, extra: 1 }).expect(400);
      expect(unknown.body.error.message).toMatch(
        /unknown parameter\(s\) extra/,
      );
      const missing = await create({
        ...production,
        entityRef: 'component:default/ghost',
      }).expect(404);
      expect(missing.body.error.message).toMatch(
        /No entity component:default\/ghost/,
      );
      const after = await request(server)
        .get(
          '/api/delivery/approvals?entityRef=component:default/payments-api&state=pending',
        )
        .set('Authorization', pipeline)
        .expect(200);
      expect(after.body.items.map((r: { id: string }) => r.id)).toEqual([
        created.body.id,
      ]);
    });

    it('refuses a rule that cannot be met once people are excluded', async () => {
      const res = await create({
        ...production,
        environment: 'staging',
        commitAuthors: ['dan@example.com', 'finn@example.com'],
      }).expect(400);
      expect(res.body.error.message).toMatch(
        /rule 'Owners' of resource:default\/staging needs 1 approval\(s\) but only 0 eligible/,
      );
    });

    it('answers the inbox of a user: pending requests they may still decide', async () => {
      const created = await create({
        ...production,
        environment: 'staging',
      }).expect(201);
      const inbox = (user: string) =>
        request(server)
          .get('/api/delivery/approvals?mine=true&state=pending')
          .set('Authorization', as(user))
          .expect(200);
      expect(
        (await inbox(users.finn)).body.items.map((r: { id: string }) => r.id),
      ).toContain(created.body.id);
      expect((await inbox(users.eve)).body.items).toEqual([]);
      const view = await request(server)
        .get(`/api/delivery/approvals/${created.body.id}`)
        .set('Authorization', as(users.finn))
        .expect(200);
      expect(view.body.viewer).toEqual({ canDecide: true });
      await decide(created.body.id, users.finn, 'approve').expect(201);
      expect(
        (await inbox(users.finn)).body.items.map((r: { id: string }) => r.id),
      ).not.toContain(created.body.id);
    });

    it('expires a request after its (tightened) expiry and refuses decisions on it', async () => {
      const created = await create({
        entityRef: 'component:default/quick-svc',
        environment: 'staging',
        revision: 'r1',
      }).expect(201);
      await new Promise(r => setTimeout(r, 300));
      expect(
        (await decide(created.body.id, users.finn, 'approve').expect(409)).body
          .error.message,
      ).toMatch(/is expired/);
      const got = await request(server)
        .get(`/api/delivery/approvals/${created.body.id}`)
        .set('Authorization', pipeline)
        .expect(200);
      expect(got.body.state).toBe('expired');
    });

    it('lets only the requester (or a pipeline) cancel', async () => {
      const created = await create(
        { ...production, environment: 'staging' },
        as(users.eve),
      ).expect(201);
      expect(created.body.requestedBy).toBe(users.eve);
      await request(server)
        .post(`/api/delivery/approvals/${created.body.id}/cancel`)
        .set('Authorization', as(users.bruno))
        .send({})
        .expect(403);
      const cancelled = await request(server)
        .post(`/api/delivery/approvals/${created.body.id}/cancel`)
        .set('Authorization', as(users.eve))
        .send({ comment: 'wrong revision' })
        .expect(200);
      expect(cancelled.body.state).toBe('cancelled');
    });
  },
);
