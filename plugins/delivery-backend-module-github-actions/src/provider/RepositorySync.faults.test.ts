import { NotFoundError } from '@backstage/errors';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import { seedFakeGithub } from '../__testUtils__/seedFakeGithub';
import { TARGET, testSync } from '../__testUtils__/testSync';
import { RateLimitedError } from '../client/RateLimitGate';

describe('RepositorySync: rate limits, outages, deployments and logs', () => {
  let server: FakeGithubServer;
  beforeEach(async () => {
    server = await FakeGithubServer.start();
    seedFakeGithub(server);
  });
  afterEach(async () => server.close());

  it('stops at a 403 with x-ratelimit-remaining: 0 until x-ratelimit-reset, logging once', async () => {
    const t = testSync(server);
    const reset = Math.floor(t.clock.now / 1000) + 120;
    server.inject({
      match: /\/actions\/runs$/,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      times: 1,
    });
    await expect(t.sync.syncRepository(TARGET)).rejects.toThrow(
      `GitHub rate limit for github.com is exhausted until ${new Date(
        reset * 1000,
      ).toISOString()}`,
    );
    const asked = server.requests.length;
    await expect(t.sync.syncRepository(TARGET)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(server.requests.length).toBe(asked);
    expect(t.logger.warn).toHaveBeenCalledTimes(1);
    expect(t.logger.warn.mock.calls[0][0]).toContain(
      'GitHub rate limit reached for github.com (GitHub answered 403)',
    );

    t.clock.now = reset * 1000 + 1;
    expect((await t.sync.syncRepository(TARGET)).runs).toBe(3);
  });

  it('waits retry-after seconds after a 429, and a plain 403 is no rate limit', async () => {
    const t = testSync(server);
    server.inject({
      match: /\/actions\/runs$/,
      status: 429,
      headers: { 'retry-after': '30' },
      times: 1,
    });
    await expect(t.sync.syncRepository(TARGET)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(t.gate.blockedUntil('github.com')?.getTime()).toBe(
      t.clock.now + 30_000,
    );
    t.clock.now += 29_000;
    await expect(t.sync.syncRepository(TARGET)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    t.clock.now += 1_001;

    server.inject({
      match: /\/actions\/runs$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: 1,
    });
    const error = await t.sync.syncRepository(TARGET).catch(e => e);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect(error.status).toBe(403);
    expect(t.gate.blockedUntil('github.com')).toBeUndefined();
    expect((await t.sync.syncRepository(TARGET)).runs).toBe(3);
  });

  it('retries a 5xx once; a lasting outage fails the sync, which catches up next time', async () => {
    const t = testSync(server);
    server.inject({ match: /\/runs\/1002\/jobs$/, status: 502, times: 1 });
    expect((await t.sync.syncRepository(TARGET)).runs).toBe(3);
    expect(server.seen(/\/runs\/1002\/jobs$/).map(r => r.status)).toEqual([
      502, 200,
    ]);

    const other = testSync(server);
    server.inject({ match: /\/actions\/runs$/, status: 503, times: 2 });
    await expect(other.sync.syncRepository(TARGET)).rejects.toMatchObject({
      status: 503,
    });
    expect(other.batches).toEqual([]);
    expect((await other.sync.syncRepository(TARGET)).runs).toBe(3);
  });

  it('publishes finished deployments once, and an unfinished one when it finishes', async () => {
    const t = testSync(server);
    await t.sync.syncRepository(TARGET);
    expect(
      t.published.map(batch =>
        batch.map(d => [d.id.split('/').pop(), d.status]),
      ),
    ).toEqual([
      [
        ['9003', 'failed'],
        ['9002', 'success'],
        ['9001', 'success'],
      ],
    ]);
    await t.sync.syncRepository(TARGET);
    expect(t.published).toHaveLength(1);

    server.repo('acme/notification-service').deployments[0].statuses.unshift({
      id: 9405,
      state: 'success',
      created_at: '2026-11-20T12:04:00Z',
    });
    await t.sync.syncRepository(TARGET);
    expect(t.published[1]).toEqual([
      expect.objectContaining({
        id: 'github:github.com/acme/notification-service/deployments/9004',
        environment: 'production',
        status: 'success',
        finishedAt: '2026-11-20T12:04:00Z',
      }),
    ]);
  });

  it('follows the 302 of a job log, and says clearly when there is no log', async () => {
    const t = testSync(server);
    expect(
      await t.client.jobLog(TARGET.repo, 5003, { limitBytes: 4096 }),
    ).toEqual({
      log: '2026-11-20T11:30:07.0000000Z ##[group]Run npm test\n2026-11-20T11:33:00.0000000Z 1 failing\n',
      truncated: false,
    });
    expect(server.requests.map(r => [r.path, r.status])).toEqual([
      ['/repos/acme/notification-service/actions/jobs/5003/logs', 302],
      ['/_blobs/logs/5003', 200],
    ]);
    const missing = await t.client
      .jobLog(TARGET.repo, 5001, { limitBytes: 4096 })
      .catch(e => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain('GitHub has no log for job 5001');
  });
});
