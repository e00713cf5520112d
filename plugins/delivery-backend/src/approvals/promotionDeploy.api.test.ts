import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { makeRun } from '../database/testRuns';
import { startApprovalBackend } from './__testUtils__/approvalBackend';
import { users } from './__testUtils__/approvalCatalog';

/*
 * An approved promotion that no pipeline waits for starts the component's deploy pipeline, as the
 * approver, exactly once; one a pipeline waits for starts nothing (the pipeline goes on).
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const as = (user: string) => mockCredentials.user.header(user);
const pipeline = mockCredentials.service.header();

describe.each(databases.eachSupportedId())(
  'promotion deploys on %p',
  databaseId => {
    let started: Awaited<ReturnType<typeof startApprovalBackend>>;

    beforeAll(async () => {
      started = await startApprovalBackend(await databases.init(databaseId), {
        runs: [
          makeRun({
            uid: 'waiting-run',
            provider: 'recording',
            entityRef: 'component:default/payments-api',
            status: 'running',
            completedAt: undefined,
          }),
        ],
      });
    });

    const promote = (auth: string, body: object) =>
      request(started.server)
        .post('/api/delivery/approvals')
        .set('Authorization', auth)
        .send({
          entityRef: 'component:default/payments-api',
          environment: 'staging',
          ...body,
        })
        .expect(201);
    const decide = (id: string, user: string) =>
      request(started.server)
        .post(`/api/delivery/approvals/${id}/decisions`)
        .set('Authorization', as(user))
        .send({ decision: 'approve', comment: 'ship it' });

    it('starts the deploy pipeline for the approved environment and revision, as the approver, once', async () => {
      const before = started.provider.starts.length;
      const created = await promote(as(users.ada), {
        revision: 'feedbeef',
        version: '1.4.0',
      });
      expect(created.body.deployRun).toBeUndefined();
      const approved = await decide(created.body.id, users.dan).expect(201);
      expect(approved.body.state).toBe('approved');
      expect(approved.body.deployRun).toEqual({
        provider: 'recording',
        name: `payments-api-deploy-run-${before + 1}`,
        uid: `started-${before + 1}`,
        startedBy: users.dan,
        startedAt: expect.any(String),
      });
      expect(started.provider.starts.slice(before)).toEqual([
        expect.objectContaining({
          pipelineName: 'payments-api-deploy',
          namespace: 'payments-api-ci',
          params: [
            { name: 'environment', value: 'staging' },
            { name: 'revision', value: 'feedbeef' },
            { name: 'version', value: '1.4.0' },
          ],
          requestedBy: users.dan,
        }),
      ]);
      // a later decision is refused and starts nothing; reads show the run
      await decide(created.body.id, users.finn).expect(409);
      const read = await request(started.server)
        .get(`/api/delivery/approvals/${created.body.id}`)
        .set('Authorization', as(users.finn))
        .expect(200);
      expect(read.body.deployRun.uid).toBe(`started-${before + 1}`);
      expect(started.provider.starts).toHaveLength(before + 1);
      const audited = started.auditor.createEvent.mock.calls.filter(
        ([e]) => e.eventId === 'approval-decide',
      );
      expect(audited.length).toBeGreaterThanOrEqual(2);
    });

    it('starts nothing when the pipeline that asked still waits for the verdict', async () => {
      const before = started.provider.starts.length;
      const created = await promote(pipeline, {
        revision: 'c0ffee2',
        runUid: 'waiting-run',
      });
      const approved = await decide(created.body.id, users.dan).expect(201);
      expect(approved.body.state).toBe('approved');
      expect(approved.body.deployRun).toBeUndefined();
      expect(started.provider.starts).toHaveLength(before);
    });
  },
);
