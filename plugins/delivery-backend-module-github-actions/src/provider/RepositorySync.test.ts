import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import {
  finishDeployRun,
  seedFakeGithub,
} from '../__testUtils__/seedFakeGithub';
import { TARGET, testSync } from '../__testUtils__/testSync';

describe('RepositorySync against the fake GitHub', () => {
  let server: FakeGithubServer;
  beforeEach(async () => {
    server = await FakeGithubServer.start();
  });
  afterEach(async () => server.close());

  it('reads every page on a first sync, then nothing new through 304s without spending rate limit', async () => {
    const repo = seedFakeGithub(server);
    const t = testSync(server, { perPage: 2 });

    expect(await t.sync.syncRepository(TARGET)).toEqual({
      runs: 3,
      deployments: 3,
    });
    // 3 runs at 2 per page: page 1 links to page 2
    expect(server.seen(/\/actions\/runs$/).map(r => r.query.page)).toEqual([
      '1',
      '2',
    ]);
    expect(t.batches[0].map(r => [r.name, r.status, r.tasks.length])).toEqual([
      ['Deploy #7', 'running', 2],
      ['CI #42', 'failed', 2],
      ['CI #41', 'succeeded', 2],
    ]);
    expect(t.batches[0][0].entityRef).toBe(TARGET.entityRef);
    expect(
      server.requests.every(r => r.headers.authorization === 'Bearer ghp_test'),
    ).toBe(true);

    const spent = server.spent;
    const before = server.requests.length;
    expect(await t.sync.syncRepository(TARGET)).toEqual({
      runs: 0,
      deployments: 0,
    });
    const second = server.requests.slice(before);
    // page 1 of runs (304; it holds the unfinished Deploy #7, so that is known unchanged),
    // deployments page 1 (304) and the statuses of the unfinished deployment 9004 (304)
    expect(second.map(r => [r.path, r.status])).toEqual([
      ['/repos/acme/notification-service/actions/runs', 304],
      ['/repos/acme/notification-service/deployments', 304],
      ['/repos/acme/notification-service/deployments/9004/statuses', 304],
    ]);
    expect(second[0].headers['if-none-match']).toMatch(/^W\/"/);
    expect(server.spent).toBe(spent);
    expect(t.batches[1]).toEqual([]);

    // Deploy #7 finishes: only it is re-read, with its jobs
    finishDeployRun(repo);
    const mark = server.requests.length;
    expect((await t.sync.syncRepository(TARGET)).runs).toBe(1);
    expect(
      t.batches[2].map(r => [r.name, r.status, r.durationSeconds]),
    ).toEqual([['Deploy #7', 'succeeded', 178]]);
    expect(
      server.requests
        .slice(mark)
        .filter(r => r.path.endsWith('/jobs'))
        .map(r => r.path),
    ).toEqual(['/repos/acme/notification-service/actions/runs/1003/jobs']);
  });

  it('re-reads an unfinished run that fell off the pages it reads', async () => {
    const repo = seedFakeGithub(server);
    // one page of 2 per sync: the first sync sees Deploy #7 (running) and CI #42 only
    const t = testSync(server, { perPage: 2, maxPages: 1 });
    expect((await t.sync.syncRepository(TARGET)).runs).toBe(2);
    // two newer runs push Deploy #7 off page 1, and it is cancelled meanwhile
    for (const id of [1004, 1005]) {
      const at = new Date(Date.now() + (id - 1000) * 1000).toISOString();
      repo.runs.push({
        ...repo.runs[0],
        id,
        run_number: id - 960,
        created_at: at,
        updated_at: at,
      });
      repo.jobs[id] = [];
    }
    Object.assign(repo.runs[2], {
      status: 'completed',
      conclusion: 'cancelled',
      updated_at: '2026-11-20T12:05:00Z',
    });
    const mark = server.requests.length;
    await t.sync.syncRepository(TARGET);
    expect(
      server.requests
        .slice(mark)
        .filter(r => r.path.includes('/actions/runs'))
        .map(
          r =>
            `${r.path.split('/actions/')[1]}${
              r.query.page ? ` p${r.query.page}` : ''
            }`,
        ),
    ).toEqual([
      'runs p1',
      'runs/1003',
      'runs/1005/jobs p1',
      'runs/1004/jobs p1',
      'runs/1003/jobs p1',
    ]);
    expect(t.batches[1].map(r => [r.name, r.status])).toEqual([
      ['CI #45', 'succeeded'],
      ['CI #44', 'succeeded'],
      ['Deploy #7', 'cancelled'],
    ]);
  });
});
