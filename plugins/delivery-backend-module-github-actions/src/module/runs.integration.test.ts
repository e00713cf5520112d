import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import {
  component,
  getJson,
  startSeededPortal,
} from './__testUtils__/githubPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const RUNS = '/entities/component/default/notification-service/runs?limit=50';

describe('GitHub Actions runs through the runs API', () => {
  let github: FakeGithubServer;
  afterEach(async () => github?.close());

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lists the synced runs newest first, with jobs as tasks, steps and links', async () => {
      const portal = await startSeededPortal({
        databases,
        databaseId,
        entities: [
          component('notification-service', 'acme/notification-service'),
          component('payments-api'),
        ],
      });
      github = portal.github;
      await portal.sync();

      const page = await getJson(portal.server, RUNS);
      expect(
        page.items.map((r: any) => [
          r.name,
          r.provider,
          r.status,
          r.durationSeconds ?? null,
        ]),
      ).toEqual([
        ['Deploy #7', 'github-actions', 'running', null],
        ['CI #42', 'github-actions', 'failed', 210],
        ['CI #41', 'github-actions', 'succeeded', 240],
      ]);
      expect(page.items[1]).toMatchObject({
        uid: 'github-actions:github.com:1002',
        url: 'https://github.com/acme/notification-service/actions/runs/1002',
        git: {
          branch: 'feature/digest',
          pullRequest: '7',
          eventType: 'pull_request',
        },
        taskSummary: { failed: 1, succeeded: 1 },
      });

      const run = await getJson(
        portal.server,
        '/runs/github-actions%3Agithub.com%3A1002',
      );
      // (the order of tasks is the store's; compare them by job id)
      run.tasks.sort((a: any, b: any) => a.name.localeCompare(b.name));
      expect(
        run.tasks.map((t: any) => [
          t.name,
          t.pipelineTaskName,
          t.status,
          t.retries,
        ]),
      ).toEqual([
        ['5003', 'build', 'failed', 1],
        ['5004', 'lint', 'succeeded', 0],
      ]);
      expect(run.tasks[0].steps.map((s: any) => s.status)).toEqual([
        'succeeded',
        'failed',
        'cancelled',
      ]);
      expect(run.tasks[0].url).toBe(
        'https://github.com/acme/notification-service/actions/runs/1002/job/5003',
      );

      // the runs of an entity without the annotation stay empty
      expect(
        (
          await getJson(
            portal.server,
            '/entities/component/default/payments-api/runs',
          )
        ).items,
      ).toEqual([]);
    });
  });

  it('logs once and reads nothing without a GitHub token', async () => {
    const portal = await startSeededPortal({
      databases,
      databaseId: 'SQLITE_3',
      entities: [
        component('notification-service', 'acme/notification-service'),
      ],
      withoutToken: true,
    });
    github = portal.github;
    const said = portal.logger.info.mock.calls.filter(([m]) =>
      String(m).includes(
        'No GitHub token or GitHub App in integrations.github',
      ),
    );
    expect(said).toHaveLength(1);
    await expect(portal.sync()).rejects.toThrow(
      'Task delivery-github-actions-sync not found',
    );
    expect(github.requests).toEqual([]);
    const logs = await request(portal.server)
      .get(
        '/api/delivery/runs/github-actions%3Agithub.com%3A1002/tasks/5003/logs',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(logs.status).toBe(404);
  });
});
