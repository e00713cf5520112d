import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import { SHA_41, SHA_42 } from '../__testUtils__/githubFixtures';
import {
  component,
  getJson,
  startSeededPortal,
} from './__testUtils__/githubPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const WINDOW = 'from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';

/*
 * notification-service gets its deployments from GitHub (the fixtures plus 9005: production,
 * SHA_42, created 11:50, success 11:52); notification-mirror gets the same records by hand
 * through POST /events/deployments. Both get the same two commits through /events/changes
 * (SHA_41 authored 09:00, SHA_42 authored 11:00, pushed in that order).
 *
 * By hand (DORA.md): production successes are 9002 (10:12) and 9005 (11:52), so 2 deployments on
 * 1 day; 9003 failed and 9001 went to staging, so neither counts. 9002 is the first observed
 * deployment (its commits are not sampled); 9005 ships SHA_42: one lead-time sample of
 * 11:52 − 11:00 = 3120 s. No incidents: change failure rate 0.
 */
const HAND_POSTED = [
  [
    '9001',
    'staging',
    'success',
    '2026-11-20T10:05:00Z',
    '2026-11-20T10:06:00Z',
    SHA_41,
  ],
  [
    '9002',
    'production',
    'success',
    '2026-11-20T10:10:00Z',
    '2026-11-20T10:12:00Z',
    SHA_41,
  ],
  [
    '9003',
    'production',
    'failed',
    '2026-11-20T11:40:00Z',
    '2026-11-20T11:41:30Z',
    SHA_42,
  ],
  [
    '9005',
    'production',
    'success',
    '2026-11-20T11:50:00Z',
    '2026-11-20T11:52:00Z',
    SHA_42,
  ],
].map(([id, environment, status, startedAt, finishedAt, sha]) => ({
  id: `mirror-${id}`,
  entityRef: 'component:default/notification-mirror',
  environment,
  status,
  startedAt,
  finishedAt,
  commitSha: sha,
  version: sha,
}));

function post(server: any, route: string, body: object[]) {
  return request(server)
    .post(`/api/delivery/events/${route}`)
    .set('Authorization', mockCredentials.user.header())
    .send(body)
    .expect(200);
}

describe('DORA from GitHub deployments', () => {
  let github: FakeGithubServer;
  afterEach(async () => github?.close());

  it.each(databases.eachSupportedId())(
    'agrees with the same records posted through /events/* (%p)',
    async databaseId => {
      const { server, sync, repo, ...portal } = await startSeededPortal({
        databases,
        databaseId,
        entities: [
          component('notification-service', 'acme/notification-service'),
          component('notification-mirror'),
        ],
      });
      github = portal.github;
      repo.deployments.unshift({
        deployment: {
          id: 9005,
          environment: 'production',
          sha: SHA_42,
          ref: 'main',
          created_at: '2026-11-20T11:50:00Z',
        },
        statuses: [
          { id: 9505, state: 'success', created_at: '2026-11-20T11:52:00Z' },
        ],
      });
      await sync();
      await post(server, 'deployments', HAND_POSTED);
      for (const entity of ['notification-service', 'notification-mirror']) {
        const entityRef = `component:default/${entity}`;
        await post(server, 'changes', [
          { sha: SHA_41, entityRef, authoredAt: '2026-11-20T09:00:00Z' },
          { sha: SHA_42, entityRef, authoredAt: '2026-11-20T11:00:00Z' },
        ]);
      }

      const github_ = await getJson(
        server,
        `/entities/component/default/notification-service/dora?${WINDOW}`,
      );
      const mirror = await getJson(
        server,
        `/entities/component/default/notification-mirror/dora?${WINDOW}`,
      );
      expect(github_).toMatchObject({
        deploymentCount: 2,
        deploymentDays: 1,
        leadTimeSampleCount: 1,
        leadTimeMedianSeconds: 3120,
        failedDeploymentCount: 0,
        changeFailureRate: 0,
      });
      expect(github_.drillDown.deployments).toEqual([
        'github:github.com/acme/notification-service/deployments/9002',
        'github:github.com/acme/notification-service/deployments/9005',
      ]);
      // everything agrees once GitHub's ids and entity are named as the mirror's
      const renamed = JSON.parse(
        JSON.stringify(github_)
          .replaceAll(
            'github:github.com/acme/notification-service/deployments/',
            'mirror-',
          )
          .replaceAll(
            'component:default/notification-service',
            'component:default/notification-mirror',
          ),
      );
      expect(renamed).toEqual(mirror);
      expect(mirror.drillDown.deployments).toEqual([
        'mirror-9002',
        'mirror-9005',
      ]);
    },
  );
});
