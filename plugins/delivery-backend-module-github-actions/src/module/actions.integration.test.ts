import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import {
  component,
  getJson,
  startSeededPortal,
} from './__testUtils__/githubPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const uid = (id: number) => `github-actions%3Agithub.com%3A${id}`;
const entities = [
  component('notification-service', 'acme/notification-service'),
];

describe('logs, rerun and cancel of GitHub Actions runs through the API', () => {
  let github: FakeGithubServer;
  afterEach(async () => github?.close());

  async function start(extraFeatures: any[] = []) {
    const portal = await startSeededPortal({
      databases,
      databaseId: 'SQLITE_3',
      entities,
      extraFeatures,
    });
    github = portal.github;
    await portal.sync();
    return portal;
  }

  it('follows the log redirect, reruns and cancels on GitHub, audited', async () => {
    const audits: Array<{
      eventId: string;
      severityLevel?: string;
      outcome?: string;
    }> = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async options => {
        const audit: (typeof audits)[number] = { ...options };
        audits.push(audit);
        return {
          success: async () => {
            audit.outcome = 'succeeded';
          },
          fail: async () => {
            audit.outcome = 'failed';
          },
        };
      },
    });
    const { server, sync } = await start([auditor.factory]);
    const user = mockCredentials.user.header();

    const logs = await request(server)
      .get(`/api/delivery/runs/${uid(1002)}/tasks/build/logs`)
      .set('Authorization', user);
    expect(logs.status).toBe(200);
    expect(logs.body).toEqual({
      steps: [
        {
          name: 'build',
          log: '2026-11-20T11:30:07.0000000Z ##[group]Run npm test\n2026-11-20T11:33:00.0000000Z 1 failing\n',
        },
      ],
    });
    expect(github.seen(/\/logs/).map(r => [r.path, r.status])).toEqual([
      ['/repos/acme/notification-service/actions/jobs/5003/logs', 302],
      ['/_blobs/logs/5003', 200],
    ]);
    const noLog = await request(server)
      .get(`/api/delivery/runs/${uid(1001)}/tasks/5001/logs`)
      .set('Authorization', user);
    expect(noLog.status).toBe(404);
    expect(noLog.body.error.message).toContain(
      'GitHub has no log for job 5001',
    );

    const rerun = await request(server)
      .post(`/api/delivery/runs/${uid(1002)}/rerun`)
      .set('Authorization', user);
    expect(rerun.status).toBe(201);
    expect(rerun.body).toEqual({
      name: 'CI #42',
      uid: 'github-actions:github.com:1002',
    });
    expect(github.seen(/\/rerun$/, 'POST').map(r => r.path)).toEqual([
      '/repos/acme/notification-service/actions/runs/1002/rerun',
    ]);
    await sync();
    const again = await getJson(server, `/runs/${uid(1002)}`);
    expect(again.status).toBe('pending');
    expect(again.params).toContainEqual({ name: 'run_attempt', value: '3' });

    // GitHub refuses to rerun a running workflow: a conflict with GitHub's reason
    const refused = await request(server)
      .post(`/api/delivery/runs/${uid(1003)}/rerun`)
      .set('Authorization', user);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(
      'This workflow is already running',
    );

    const cancel = await request(server)
      .post(`/api/delivery/runs/${uid(1003)}/cancel`)
      .set('Authorization', user);
    expect(cancel.status).toBe(202);
    await sync();
    expect((await getJson(server, `/runs/${uid(1003)}`)).status).toBe(
      'cancelled',
    );

    // a finished run is not cancelled, and GitHub is not asked
    const finished = await request(server)
      .post(`/api/delivery/runs/${uid(1001)}/cancel`)
      .set('Authorization', user);
    expect(finished.status).toBe(400);
    expect(github.seen(/\/cancel$/, 'POST')).toHaveLength(1);

    // (the sync also hands GitHub deployments to /events/deployments, audited as events-*);
    // refusals are audited too, as failures
    const runAudits = audits.filter(a => a.eventId.startsWith('run-'));
    expect(runAudits.map(a => [a.eventId, a.severityLevel, a.outcome])).toEqual(
      [
        ['run-rerun', 'medium', 'succeeded'],
        ['run-rerun', 'medium', 'failed'],
        ['run-cancel', 'medium', 'succeeded'],
        ['run-cancel', 'medium', 'failed'],
      ],
    );
  });

  it("answers the tail of a long log, and GitHub's refusal of Slipway's credentials as 503", async () => {
    const { server, repo } = await start();
    const user = mockCredentials.user.header();
    const log = Array.from({ length: 5000 }, (_, i) => `output ${i}\n`).join(
      '',
    );
    repo.logs[5003] = log;
    const tail = await request(server)
      .get(`/api/delivery/runs/${uid(1002)}/tasks/build/logs?limitBytes=1024`)
      .set('Authorization', user);
    expect(tail.status).toBe(200);
    expect(tail.body.steps).toEqual([
      {
        name: 'build',
        log: Buffer.from(log).subarray(-1024).toString(),
        truncated: true,
      },
    ]);

    github.inject({
      match: /\/actions\/jobs\/5003\/logs$/,
      status: 401,
      body: { message: 'Bad credentials' },
      times: 1,
    });
    const refused = await request(server)
      .get(`/api/delivery/runs/${uid(1002)}/tasks/build/logs`)
      .set('Authorization', user);
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toContain(
      "GitHub rejected Slipway's credentials",
    );
    expect(refused.body.error.message).not.toContain('Bad credentials');
  });

  it('needs credentials and delivery.run.execute before GitHub is asked', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
    });
    const { server } = await start([permissions.factory]);
    const anonymous = await request(server)
      .post(`/api/delivery/runs/${uid(1002)}/rerun`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const denied = await request(server)
      .post(`/api/delivery/runs/${uid(1003)}/cancel`)
      .set('Authorization', mockCredentials.user.header());
    expect(denied.status).toBe(403);
    expect(github.requests.filter(r => r.method === 'POST')).toEqual([]);
  });
});
