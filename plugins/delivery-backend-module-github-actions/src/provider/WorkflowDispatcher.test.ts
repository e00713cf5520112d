import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PipelineRunWithTasks } from '@slipway/plugin-delivery-common';
import { FakeGithubServer } from '../__testUtils__/FakeGithubServer';
import { FakeRepository } from '../__testUtils__/fakeGithubState';
import {
  ENTITY_REF,
  RUN_41,
  RUN_42,
  RUN_DEPLOY,
} from '../__testUtils__/githubFixtures';
import { seedFakeGithub } from '../__testUtils__/seedFakeGithub';
import { TARGET } from '../__testUtils__/testSync';
import { seedWorkflows } from '../__testUtils__/workflowFixtures';
import {
  GithubAnswerTooLargeError,
  GithubTimeoutError,
} from '../client/githubCallErrors';
import { mapWorkflowRun } from '../github/mapWorkflowRun';
import { GithubWorkflowRun } from '../github/types';
import { GithubActionsProvider } from './GithubActionsProvider';
import { MAX_WORKFLOW_FILE_BYTES } from './WorkflowDispatcher';

const DISPATCHES =
  /^\/repos\/acme\/notification-service\/actions\/workflows\/deploy\.yml\/dispatches$/;
const DEPLOY_FILE =
  /^\/repos\/acme\/notification-service\/contents\/\.github\/workflows\/deploy\.yml$/;
const ADA = { requestedBy: 'user:default/ada' };

/** A run as this module stores it (what the backend hands back as `basedOn`). */
function stored(
  run: GithubWorkflowRun,
  change: (r: PipelineRunWithTasks) => void = () => {},
): PipelineRunWithTasks {
  const record = mapWorkflowRun(run, [], TARGET);
  change(record);
  return record;
}

describe('GithubActionsProvider: starting workflows by hand (workflow_dispatch)', () => {
  let server: FakeGithubServer;
  let repo: FakeRepository;
  beforeEach(async () => {
    server = await FakeGithubServer.start();
    repo = seedFakeGithub(server);
    seedWorkflows(repo);
  });
  afterEach(async () => server.close());

  /** The provider as the module builds it: token integration pointing at the fake GitHub. */
  function provider(options: { timeoutMs?: number } = {}) {
    const logger = mockServices.logger.mock();
    const config = new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', apiBaseUrl: server.url, token: server.token },
        ],
      },
      delivery: {
        githubActions: {
          requestTimeout: { milliseconds: options.timeoutMs ?? 10_000 },
        },
      },
    });
    const github = GithubActionsProvider.fromConfig(config, {
      logger,
      scheduler: mockServices.scheduler.mock(),
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      events: mockServices.events(),
      retryDelayMs: 5,
    });
    return { github, logger };
  }

  const deploy = {
    entityRef: ENTITY_REF,
    pipelineName: 'Deploy',
    basedOn: stored(RUN_DEPLOY),
  };

  describe('describePipeline', () => {
    it("reads the run's workflow file at the run's branch, with the integration's token", async () => {
      const { github } = provider();
      const definition = await github.describePipeline(stored(RUN_DEPLOY));
      expect(definition).toEqual({
        description:
          "Runs .github/workflows/deploy.yml of acme/notification-service on 'main' (GitHub Actions workflow_dispatch)",
        params: [
          {
            name: 'environment',
            type: 'string',
            description: 'Where to deploy',
            default: 'staging',
            options: ['staging', 'production'],
          },
          {
            name: 'version',
            type: 'string',
            description: 'Image tag to deploy',
          },
          {
            name: 'dry_run',
            type: 'string',
            description: 'Only print the plan',
            default: 'false',
            options: ['true', 'false'],
          },
          { name: 'replicas', type: 'string', default: '3' },
          { name: 'target', type: 'string', default: '' },
          {
            name: 'note',
            type: 'string',
            description: "Free text for the run's summary",
            default: '',
          },
        ],
      });
      const [read] = server.seen(DEPLOY_FILE);
      expect(read.query).toEqual({ ref: 'main' });
      expect(read.headers.authorization).toBe(`Bearer ${server.token}`);
    });

    it('refuses a workflow without workflow_dispatch, read at the branch the run ran on', async () => {
      const { github } = provider();
      const error = await github.describePipeline(stored(RUN_42)).catch(e => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe(
        "Workflow .github/workflows/ci.yml of acme/notification-service at 'feature/digest' cannot be started by hand: it has no workflow_dispatch trigger. Add 'workflow_dispatch:' (with any inputs it takes) under 'on:' in the workflow file",
      );
      expect(server.seen(/\/contents\//).map(r => r.query.ref)).toEqual([
        'feature/digest',
      ]);
    });

    it('reads the default branch when the run has none, and the file from GitHub when the record lacks it', async () => {
      repo.workflows.defaultBranch = 'trunk';
      repo.workflows.files['trunk:.github/workflows/deploy.yml'] =
        repo.workflows.files['main:.github/workflows/deploy.yml'];
      const { github } = provider();
      const old = stored(RUN_DEPLOY, r => {
        r.git.branch = undefined;
        r.params = r.params?.filter(p => p.name !== 'workflow');
      });
      const definition = await github.describePipeline(old);
      expect(definition.params).toHaveLength(6);
      expect(server.requests.map(r => [r.path, r.query.ref])).toEqual([
        ['/repos/acme/notification-service/actions/runs/1003', undefined],
        ['/repos/acme/notification-service', undefined],
        [
          '/repos/acme/notification-service/contents/.github/workflows/deploy.yml',
          'trunk',
        ],
      ]);
    });

    it("refuses GitHub's own workflows (dynamic paths) without reading files", async () => {
      const { github } = provider();
      const pages = stored({
        ...RUN_41,
        name: 'pages build and deployment',
        path: 'dynamic/pages/pages-build-deployment',
      });
      const error = await github.describePipeline(pages).catch(e => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toContain(
        'is not a workflow file of acme/notification-service but one GitHub runs by itself',
      );
      expect(server.requests).toEqual([]);
    });

    it('maps a missing file to 404 and a refused read to a conflict naming the permission', async () => {
      const { github } = provider();
      const gone = await github
        .describePipeline(stored(RUN_DEPLOY, r => (r.git.branch = 'old')))
        .catch(e => e);
      expect(gone).toBeInstanceOf(NotFoundError);
      expect(gone.message).toBe(
        "GitHub has no .github/workflows/deploy.yml on 'old' of acme/notification-service: the workflow was renamed or deleted there, the branch is gone, or the integration cannot see the repository",
      );

      server.inject({
        match: DEPLOY_FILE,
        status: 403,
        body: { message: 'Resource not accessible by integration' },
        times: 1,
      });
      const refused = await github
        .describePipeline(stored(RUN_DEPLOY))
        .catch(e => e);
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused.message).toMatch(
        /^GitHub refused to read \.github\/workflows\/deploy\.yml of acme\/notification-service at 'main': Resource not accessible by integration.*The GitHub token or App of integrations\.github needs the 'Contents: read' permission on the repository$/,
      );
    });

    it('bounds what it reads: a file above the limit, and an answer larger than one could be', async () => {
      const { github } = provider();
      repo.workflows.files[
        'main:.github/workflows/deploy.yml'
      ] += `# ${'x'.repeat(MAX_WORKFLOW_FILE_BYTES)}\n`;
      const large = await github
        .describePipeline(stored(RUN_DEPLOY))
        .catch(e => e);
      expect(large).toBeInstanceOf(ConflictError);
      expect(large.message).toMatch(
        /^\.github\/workflows\/deploy\.yml of acme\/notification-service at 'main' is 52\d{4} bytes; Slipway reads workflow files of up to 524288 bytes$/,
      );

      server.inject({
        match: DEPLOY_FILE,
        status: 200,
        body: { type: 'file', encoding: 'base64', content: 'A'.repeat(4e6) },
        times: 1,
      });
      const huge = await github
        .describePipeline(stored(RUN_DEPLOY))
        .catch(e => e);
      expect(huge).toBeInstanceOf(GithubAnswerTooLargeError);
      expect(huge.message).toMatch(
        /^GitHub \(github\.com\) answered more than \d+ bytes for GET \/repos\/acme\/notification-service\/contents\/\.github\/workflows\/deploy\.yml; Slipway does not read answers that large$/,
      );
    });

    it('gives up on a slow GitHub after the request timeout', async () => {
      const { github } = provider({ timeoutMs: 200 });
      server.inject({ match: DEPLOY_FILE, delayMs: 3_000, times: 1 });
      const started = Date.now();
      const error = await github
        .describePipeline(stored(RUN_DEPLOY))
        .catch(e => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(GithubTimeoutError);
      expect(error.message).toBe(
        'GitHub (github.com) did not answer for GET /repos/acme/notification-service/contents/.github/workflows/deploy.yml within 200 ms',
      );
    });
  });

  describe('startRun', () => {
    it("dispatches on the run's branch with the inputs, answering the new run GitHub reports", async () => {
      const { github, logger } = provider();
      const started = await github.startRun(
        {
          ...deploy,
          params: [
            { name: 'version', value: '1.4.2' },
            { name: 'environment', value: 'production' },
            { name: 'dry_run', value: 'true' },
          ],
        },
        ADA,
      );
      expect(started).toEqual({
        name: 'Deploy',
        uid: 'github-actions:github.com:2001',
        url: 'https://github.com/acme/notification-service/actions/runs/2001',
      });
      const [dispatch] = server.seen(DISPATCHES, 'POST');
      expect(dispatch.status).toBe(200);
      expect(dispatch.headers.authorization).toBe(`Bearer ${server.token}`);
      expect(dispatch.body).toEqual({
        ref: 'main',
        inputs: {
          version: '1.4.2',
          environment: 'production',
          dry_run: 'true',
        },
        return_run_details: true,
      });
      // GitHub queued the run; who asked is logged (GitHub records only the integration)
      expect(repo.runs.find(r => r.id === 2001)).toMatchObject({
        event: 'workflow_dispatch',
        status: 'queued',
        head_branch: 'main',
      });
      expect(logger.info).toHaveBeenCalledWith(
        "Asked GitHub to start workflow deploy.yml of acme/notification-service on 'main' for user:default/ada (inputs: version, environment, dry_run); run 2001",
      );
    });

    it('dispatches on the default branch when the run has none, and without inputs when none are given', async () => {
      repo.workflows.files['main:.github/workflows/ci.yml'] =
        'name: CI\non: [push, workflow_dispatch]\njobs: {}\n';
      const { github } = provider();
      await github.startRun(
        {
          entityRef: ENTITY_REF,
          pipelineName: 'CI',
          basedOn: stored(RUN_41, r => (r.git.branch = undefined)),
          params: [],
        },
        ADA,
      );
      const [dispatch] = server.seen(
        /\/actions\/workflows\/ci\.yml\/dispatches$/,
        'POST',
      );
      expect(dispatch.body).toEqual({ ref: 'main', return_run_details: true });
    });

    it('rejects an unknown input before asking GitHub to start anything', async () => {
      const { github } = provider();
      const error = await github
        .startRun(
          {
            ...deploy,
            params: [
              { name: 'version', value: '1.4.2' },
              { name: 'region', value: 'eu-west-1' },
            ],
          },
          ADA,
        )
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(
        "workflow deploy.yml of acme/notification-service has no input 'region'",
      );
      expect(server.seen(/dispatches$/, 'POST')).toEqual([]);
    });

    it('refuses a workflow without workflow_dispatch, and needs a run to start from', async () => {
      const { github } = provider();
      const ci = await github
        .startRun(
          {
            entityRef: ENTITY_REF,
            pipelineName: 'CI',
            basedOn: stored(RUN_41),
            params: [],
          },
          ADA,
        )
        .catch(e => e);
      expect(ci).toBeInstanceOf(ConflictError);
      expect(ci.message).toContain('cannot be started by hand');
      const nothing = await github
        .startRun(
          { entityRef: ENTITY_REF, pipelineName: 'Deploy', params: [] },
          ADA,
        )
        .catch(e => e);
      expect(nothing).toBeInstanceOf(InputError);
      expect(server.seen(/dispatches$/, 'POST')).toEqual([]);
    });

    it("answers the workflow's runs page when GitHub does not say which run it started", async () => {
      repo.workflows.runDetails = 'ignored';
      const { github, logger } = provider();
      const params = [{ name: 'version', value: '1.4.2' }];
      expect(await github.startRun({ ...deploy, params }, ADA)).toEqual({
        name: 'Deploy',
        url: 'https://github.com/acme/notification-service/actions/workflows/deploy.yml',
      });
      expect(logger.info.mock.calls.at(-1)?.[0]).toContain(
        'GitHub did not say which run, it is read with the next sync',
      );

      // a GitHub that refuses the parameter (422, nothing started) is asked again without it
      repo.workflows.runDetails = 'refused';
      server.requests.length = 0;
      expect(await github.startRun({ ...deploy, params }, ADA)).toEqual({
        name: 'Deploy',
        url: 'https://github.com/acme/notification-service/actions/workflows/deploy.yml',
      });
      expect(
        server.seen(DISPATCHES, 'POST').map(r => [r.status, r.body]),
      ).toEqual([
        [
          422,
          {
            ref: 'main',
            inputs: { version: '1.4.2' },
            return_run_details: true,
          },
        ],
        [204, { ref: 'main', inputs: { version: '1.4.2' } }],
      ]);
    });

    it("maps GitHub's 404, 403 and 422 to clear errors", async () => {
      const { github } = provider();
      const params = [{ name: 'version', value: '1.4.2' }];
      const refusal = async (status: number, message: string) => {
        server.inject({
          match: DISPATCHES,
          status,
          body: { message },
          times: 1,
        });
        return github.startRun({ ...deploy, params }, ADA).catch(e => e);
      };

      const missing = await refusal(404, 'Not Found');
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(missing.message).toBe(
        'GitHub does not know workflow deploy.yml of acme/notification-service (renamed or deleted?), or the integration cannot see the repository',
      );

      const forbidden = await refusal(
        403,
        'Resource not accessible by integration',
      );
      expect(forbidden).toBeInstanceOf(ConflictError);
      expect(forbidden.message).toBe(
        "GitHub refused to start workflow deploy.yml of acme/notification-service on 'main': Resource not accessible by integration. The GitHub token or App of integrations.github needs the 'Actions: write' permission on the repository",
      );

      const noRef = await refusal(422, 'No ref found for: main');
      expect(noRef).toBeInstanceOf(ConflictError);
      expect(noRef.message).toBe(
        "GitHub refused to start workflow deploy.yml of acme/notification-service on 'main': No ref found for: main",
      );
      // none of them is retried
      expect(server.seen(DISPATCHES, 'POST')).toHaveLength(3);
    });

    it('does not retry a 5xx (the run may have started), and says so', async () => {
      const { github } = provider();
      server.inject({ match: DISPATCHES, status: 502, times: 1 });
      const error = await github
        .startRun({ ...deploy, params: [{ name: 'version', value: '1' }] }, ADA)
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        "GitHub failed while starting workflow deploy.yml of acme/notification-service; the run may have started anyway: look at the workflow's runs before starting it again",
      );
      expect(server.seen(DISPATCHES, 'POST').map(r => r.status)).toEqual([502]);
    });

    it('gives up on a slow dispatch after the request timeout', async () => {
      const { github } = provider({ timeoutMs: 300 });
      server.inject({ match: DISPATCHES, delayMs: 3_000, times: 1 });
      const started = Date.now();
      const error = await github
        .startRun({ ...deploy, params: [{ name: 'version', value: '1' }] }, ADA)
        .catch(e => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(GithubTimeoutError);
      expect(error.message).toBe(
        'GitHub (github.com) did not answer for POST /repos/acme/notification-service/actions/workflows/deploy.yml/dispatches within 300 ms',
      );
    });
  });
});
