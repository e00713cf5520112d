import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import { seedFakeGithub } from '../__testUtils__/seedFakeGithub';
import { TARGET, testSync } from '../__testUtils__/testSync';

describe('RepositorySync: runs deleted on GitHub and bounded memory', () => {
  let server: FakeGithubServer;
  beforeEach(async () => {
    server = await FakeGithubServer.start();
  });
  afterEach(async () => server.close());

  it('forgets an unfinished run deleted on GitHub instead of failing every sync of its repository', async () => {
    const repo = seedFakeGithub(server);
    const t = testSync(server, { perPage: 10 });
    await t.sync.syncRepository(TARGET); // Deploy #7 (run 1003) is unfinished
    repo.runs = repo.runs.filter(r => r.id !== 1003);
    // a new run, so the first page changes and 1003 is looked up by id
    repo.runs.push({
      ...repo.runs[0],
      id: 1004,
      created_at: '2026-11-20T13:00:00Z',
    });
    repo.jobs[1004] = [];

    expect((await t.sync.syncRepository(TARGET)).runs).toBe(1);
    expect(server.seen(/\/actions\/runs\/1003$/).map(r => r.status)).toEqual([
      404,
    ]);
    expect(t.logger.info).toHaveBeenCalledWith(
      'Workflow run 1003 of acme/notification-service is gone from GitHub (deleted); it is no longer followed',
    );
    // later syncs neither fail nor ask for it again
    await expect(t.sync.syncRepository(TARGET)).resolves.toBeDefined();
    expect(server.seen(/\/actions\/runs\/1003$/)).toHaveLength(1);
  });

  it('skips a run deleted between the listing and the reading of its jobs', async () => {
    seedFakeGithub(server);
    const t = testSync(server, { perPage: 10 });
    server.inject({
      match: /\/actions\/runs\/1003\/jobs$/,
      status: 404,
      times: 1,
    });
    expect((await t.sync.syncRepository(TARGET)).runs).toBe(2);
    expect(t.batches[0].map(r => r.name)).toEqual(['CI #42', 'CI #41']);
  });

  it('ignores a webhook refresh of a run GitHub no longer has', async () => {
    seedFakeGithub(server);
    const t = testSync(server);
    await expect(t.sync.refreshRun(TARGET, 999_999)).resolves.toBeUndefined();
    expect(t.batches).toEqual([]);
  });

  it('remembers a bounded number of runs and finished deployments', async () => {
    seedFakeGithub(server);
    const t = testSync(server, {
      perPage: 10,
      maxSeenRuns: 2,
      maxFinishedDeployments: 2,
    });
    expect(await t.sync.syncRepository(TARGET)).toEqual({
      runs: 3,
      deployments: 3,
    });
    expect(t.sync.remembered()).toEqual({ runs: 2, finishedDeployments: 2 });
  });
});
