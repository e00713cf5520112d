import { ServiceUnavailableError } from '@backstage/errors';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import { seedFakeGithub } from '../__testUtils__/seedFakeGithub';
import { TARGET, testSync } from '../__testUtils__/testSync';
import { GithubTimeoutError } from './githubCallErrors';

describe('GithubActionsClient: bounded logs, timeouts, credentials and cache', () => {
  let server: FakeGithubServer;
  beforeEach(async () => {
    server = await FakeGithubServer.start();
    seedFakeGithub(server);
  });
  afterEach(async () => server.close());

  it('streams a long job log and keeps only its last limitBytes, marked truncated', async () => {
    const log = Array.from({ length: 40_000 }, (_, i) => `line ${i} ✓\n`).join(
      '',
    );
    server.repo('acme/notification-service').logs[5003] = log;
    const t = testSync(server);
    const { log: tail, truncated } = await t.client.jobLog(TARGET.repo, 5003, {
      limitBytes: 1024,
    });
    expect(truncated).toBe(true);
    expect(log.endsWith(tail)).toBe(true);
    expect(Buffer.byteLength(tail)).toBeGreaterThan(1020);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(1024);
    // the short-lived log address gets no credentials
    const [blob] = server.seen(/^\/_blobs\/logs\/5003$/);
    expect(blob.headers.authorization).toBeUndefined();
  });

  it("answers a GitHub 401 on a job log as 503 'GitHub rejected Slipway's credentials', not 401", async () => {
    server.inject({
      match: /\/actions\/jobs\/5003\/logs$/,
      status: 401,
      body: { message: 'Bad credentials' },
      headers: { 'x-github-request-id': 'ABCD:1234' },
      times: 1,
    });
    const t = testSync(server);
    const error = await t.client
      .jobLog(TARGET.repo, 5003, { limitBytes: 1024 })
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      "GitHub rejected Slipway's credentials for github.com (integrations.github) when asked for GET /repos/acme/notification-service/actions/jobs/5003/logs",
    );
    expect(error.message).not.toMatch(/Bad credentials|ABCD/);
  });

  it('gives up on a slow GitHub answer, and a slow log download, after the timeout', async () => {
    const t = testSync(server, { timeoutMs: 200 });
    server.inject({ match: /\/actions\/runs$/, delayMs: 3_000, times: 1 });
    let started = Date.now();
    const error = await t.sync.syncRepository(TARGET).catch(e => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(GithubTimeoutError);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'GitHub (github.com) did not answer for GET /repos/acme/notification-service/actions/runs within 200 ms',
    );

    server.inject({ match: /^\/_blobs\//, delayMs: 3_000, times: 1 });
    started = Date.now();
    const slowLog = await t.client
      .jobLog(TARGET.repo, 5003, { limitBytes: 1024 })
      .catch(e => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slowLog).toBeInstanceOf(GithubTimeoutError);
    expect(slowLog.message).toContain(
      'for the log of job 5003 of acme/notification-service',
    );
  });

  it('bounds the ETag cache in bytes and still answers 304s from what it keeps', async () => {
    const t = testSync(server, { cacheMaxBytes: 3_000 });
    await t.sync.syncRepository(TARGET);
    const usage = t.client.cacheUsage();
    expect(usage.bytes).toBeGreaterThan(0);
    expect(usage.bytes).toBeLessThanOrEqual(3_000);

    const runs = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
    await t.client.get(TARGET.repo, runs, { run_id: 1001 });
    const again = await t.client.get(TARGET.repo, runs, { run_id: 1001 });
    expect(again.notModified).toBe(true);
    expect(t.client.cacheUsage().bytes).toBeLessThanOrEqual(3_000);
  });
});
