import { TestDatabases } from '@backstage/backend-test-utils';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import { finishDeployRun } from '../__testUtils__/seedFakeGithub';
import {
  readSharedScm,
  sharedScmPresent,
} from '../__testUtils__/sharedScmFixtures';
import {
  component,
  deliverWebhook,
  eventually,
  getJson,
  startSeededPortal,
} from './__testUtils__/githubPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const repository = {
  full_name: 'acme/notification-service',
  html_url: 'https://github.com/acme/notification-service',
};

let github: FakeGithubServer;
afterEach(async () => github?.close());

async function start() {
  const portal = await startSeededPortal({
    databases,
    databaseId: 'SQLITE_3',
    entities: [
      component('notification-service', 'acme/notification-service'),
      component('octo-repo', 'octo-org/octo-repo'),
      component('hello-world', 'Codertocat/Hello-World'),
    ],
  });
  github = portal.github;
  await portal.sync();
  return portal;
}

describe('GitHub webhooks through the events system', () => {
  it('applies signed workflow_run and workflow_job deliveries, and refuses a bad signature', async () => {
    const portal = await start();
    const { server, repo } = portal;
    const runStatus = async (id: number) =>
      (await getJson(server, `/runs/github-actions%3Agithub.com%3A${id}`))
        .status;

    // Deploy #7 finishes; the workflow_run delivery carries the run, its jobs are read
    const deployRun = finishDeployRun(repo);
    const bad = await deliverWebhook(
      server,
      'workflow_run',
      { action: 'completed', workflow_run: deployRun, repository },
      `sha256=${'0'.repeat(64)}`,
    );
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(await runStatus(1003)).toBe('running');

    const ok = await deliverWebhook(server, 'workflow_run', {
      action: 'completed',
      workflow_run: deployRun,
      repository,
    });
    expect(ok.status).toBe(202);
    await eventually(
      () => runStatus(1003),
      s => s === 'succeeded',
      'Deploy #7 succeeded',
    );

    // a new run is first seen through one of its jobs
    repo.runs.push({
      ...repo.runs[0],
      id: 1006,
      run_number: 43,
      status: 'in_progress',
      conclusion: null,
      created_at: '2026-11-20T13:00:00Z',
      run_started_at: '2026-11-20T13:00:01Z',
      updated_at: '2026-11-20T13:00:30Z',
    });
    repo.jobs[1006] = [
      {
        id: 5010,
        run_id: 1006,
        name: 'build',
        status: 'in_progress',
        conclusion: null,
        started_at: '2026-11-20T13:00:05Z',
        steps: [],
      },
    ];
    await deliverWebhook(server, 'workflow_job', {
      action: 'in_progress',
      workflow_job: repo.jobs[1006][0],
      repository,
    });
    const run = await eventually(
      () =>
        getJson(server, `/runs/github-actions%3Agithub.com%3A1006`).catch(
          () => undefined,
        ),
      r => r?.status === 'running',
      'CI #43 running',
    );
    expect(run.name).toBe('CI #43');
    expect(run.tasks.map((t: any) => t.pipelineTaskName)).toEqual(['build']);

    // deliveries for repositories no entity claims change nothing
    await deliverWebhook(server, 'workflow_run', {
      action: 'completed',
      workflow_run: { ...repo.runs[0], id: 7777 },
      repository: {
        full_name: 'other/repo',
        html_url: 'https://github.com/other/repo',
      },
    });
    expect(github.seen(/\/runs\/7777/)).toEqual([]);
  });
});

describe('GitHub webhooks without a webhook secret', () => {
  it('consumes no unsigned delivery, logs one error, and the scheduled sync still works', async () => {
    const portal = await startSeededPortal({
      databases,
      databaseId: 'SQLITE_3',
      entities: [
        component('notification-service', 'acme/notification-service'),
      ],
      withoutWebhookSecret: true,
    });
    github = portal.github;
    const { server, repo, logger } = portal;
    await portal.sync();
    const runStatus = async () =>
      (await getJson(server, '/runs/github-actions%3Agithub.com%3A1003'))
        .status;
    expect(await runStatus()).toBe('running');

    const deployRun = finishDeployRun(repo);
    const asked = github.requests.length;
    // the events backend accepts it (it checks no signature without a secret)…
    const unsigned = await deliverWebhook(
      server,
      'workflow_run',
      { action: 'completed', workflow_run: deployRun, repository },
      'sha256=forged',
    );
    expect(unsigned.status).toBeLessThan(300);
    await new Promise(r => setTimeout(r, 500));
    // …but Slipway does not act on it
    expect(await runStatus()).toBe('running');
    expect(github.requests.slice(asked)).toEqual([]);
    const errors = logger.error.mock.calls.map(c => String(c[0]));
    expect(
      errors.filter(m => m.includes('GitHub webhook secret is missing')),
    ).toEqual([expect.stringContaining('unsigned GitHub deliveries')]);

    await portal.sync();
    expect(await runStatus()).toBe('succeeded');
  });
});

const describeShared = sharedScmPresent('the shared webhook delivery test')
  ? describe
  : describe.skip;

describeShared('shared GitHub webhook deliveries', () => {
  it('takes the shared workflow_run and deployment_status deliveries', async () => {
    const { server } = await start();
    const workflowRun = readSharedScm('github-workflow_run-completed.json');
    // GitHub holds the delivered run (without jobs); its jobs are read on delivery
    const octo = github.repo('octo-org/octo-repo');
    octo.runs.push(workflowRun.workflow_run);
    octo.jobs[289782451] = [];
    await deliverWebhook(server, 'workflow_run', workflowRun);
    const run = await eventually(
      () =>
        getJson(server, '/runs/github-actions%3Agithub.com%3A289782451').catch(
          () => undefined,
        ),
      r => Boolean(r),
      'the octo-repo run',
    );
    expect(run).toMatchObject({
      name: 'test #163',
      status: 'succeeded',
      entityRef: 'component:default/octo-repo',
    });

    const status = readSharedScm('github-deployment_status.json');
    await deliverWebhook(server, 'deployment_status', status);
    const records = await eventually(
      () =>
        getJson(
          server,
          '/entities/component/default/hello-world/dora/records?from=2019-05-01T00:00:00Z&to=2019-06-01T00:00:00Z',
        ),
      r => r.deployments.length > 0,
      'the Hello-World deployment',
    );
    expect(records.deployments).toEqual([
      expect.objectContaining({
        id: 'github:github.com/codertocat/hello-world/deployments/145988746',
        environment: 'production',
        status: 'success',
        finishedAt: '2019-05-15T15:20:55.000Z',
        commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      }),
    ]);
  });
});
