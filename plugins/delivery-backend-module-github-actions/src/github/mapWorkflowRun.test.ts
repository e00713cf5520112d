import {
  ENTITY_REF as entityRef,
  JOBS,
  REPO_REF as repo,
  RUN_41,
  RUN_42,
  RUN_DEPLOY,
  SHA_41,
} from '../__testUtils__/githubFixtures';
import {
  readSharedScm,
  sharedScmPresent,
} from '../__testUtils__/sharedScmFixtures';
import { mapWorkflowRun, workflowName } from './mapWorkflowRun';

describe('mapWorkflowRun', () => {
  it('maps a succeeded push run with its jobs as tasks and steps', () => {
    const run = mapWorkflowRun(RUN_41, JOBS[1001], { repo, entityRef });
    expect(run).toMatchObject({
      uid: 'github-actions:github.com:1001',
      provider: 'github-actions',
      namespace: 'acme/notification-service',
      name: 'CI #41',
      pipelineName: 'CI',
      entityRef,
      status: 'succeeded',
      reason: 'success',
      createdAt: '2026-11-20T10:00:00Z',
      startedAt: '2026-11-20T10:00:05Z',
      completedAt: '2026-11-20T10:04:05Z',
      durationSeconds: 240,
      message: 'Add retry to the mailer',
      url: 'https://github.com/acme/notification-service/actions/runs/1001',
    });
    expect(run.git).toEqual({
      repository: 'https://github.com/acme/notification-service',
      revision: SHA_41,
      branch: 'main',
      pullRequest: undefined,
      eventType: 'push',
    });
    expect(run.params).toEqual([
      { name: 'run_attempt', value: '1' },
      { name: 'workflow', value: '.github/workflows/ci.yml' },
      { name: 'actor', value: 'octocat' },
    ]);
    expect(run.tasks).toHaveLength(2);
    expect(run.tasks[0]).toEqual({
      name: '5001',
      pipelineTaskName: 'build',
      status: 'succeeded',
      reason: 'success',
      startedAt: '2026-11-20T10:00:10Z',
      completedAt: '2026-11-20T10:02:00Z',
      retries: 0,
      isFinally: false,
      url: 'https://github.com/acme/notification-service/actions/runs/1001/job/5001',
      message: 'Runner: GitHub Actions 2',
      steps: [
        {
          name: 'Set up job',
          status: 'succeeded',
          reason: 'success',
          startedAt: '2026-11-20T10:00:10Z',
          completedAt: '2026-11-20T10:00:12Z',
        },
        {
          name: 'Run npm test',
          status: 'succeeded',
          reason: 'success',
          startedAt: '2026-11-20T10:00:12Z',
          completedAt: '2026-11-20T10:02:00Z',
        },
      ],
    });
  });

  it('maps a failed pull-request run on its second attempt: PR number, retries of re-run jobs', () => {
    const run = mapWorkflowRun(RUN_42, JOBS[1002], { repo, entityRef });
    expect(run.status).toBe('failed');
    expect(run.durationSeconds).toBe(210);
    expect(run.git.pullRequest).toBe('7');
    expect(run.git.branch).toBe('feature/digest');
    expect(run.git.eventType).toBe('pull_request');
    expect(run.params).toContainEqual({ name: 'run_attempt', value: '2' });
    expect(run.params).toContainEqual({ name: 'actor', value: 'hubot' });
    expect(
      run.tasks.map(t => [t.pipelineTaskName, t.status, t.retries]),
    ).toEqual([
      ['build', 'failed', 1],
      ['lint', 'succeeded', 0],
    ]);
    expect(run.tasks[0].steps?.map(s => s.status)).toEqual([
      'succeeded',
      'failed',
      'cancelled',
    ]);
    expect(run.tasks[0].steps?.[2].reason).toBe('skipped');
  });

  it('leaves a running run and its running job without completion or duration', () => {
    const run = mapWorkflowRun(RUN_DEPLOY, JOBS[1003], { repo });
    expect(run).toMatchObject({
      name: 'Deploy #7',
      pipelineName: 'Deploy',
      status: 'running',
      reason: 'in_progress',
      startedAt: '2026-11-20T12:00:02Z',
    });
    expect(run.entityRef).toBeUndefined();
    expect(run.completedAt).toBeUndefined();
    expect(run.durationSeconds).toBeUndefined();
    expect(run.tasks.map(t => [t.status, t.completedAt])).toEqual([
      ['succeeded', '2026-11-20T12:00:50Z'],
      ['running', undefined],
    ]);
    expect(run.tasks[1].steps).toEqual([
      {
        name: 'Deploy',
        status: 'running',
        reason: 'in_progress',
        startedAt: '2026-11-20T12:00:56Z',
        completedAt: undefined,
      },
    ]);
  });

  it('names runs of unnamed workflows after the workflow file', () => {
    expect(
      workflowName({
        ...RUN_41,
        name: '',
        path: '.github/workflows/release.yaml',
      }),
    ).toBe('release');
    expect(workflowName({ ...RUN_41, name: null, path: undefined })).toBe(
      'workflow',
    );
  });
});

const describeShared = sharedScmPresent('the workflow_run webhook mapping test')
  ? describe
  : describe.skip;

describeShared('mapWorkflowRun on the shared workflow_run delivery', () => {
  it('maps the completed run of github-workflow_run-completed.json', () => {
    const payload = readSharedScm('github-workflow_run-completed.json');
    const run = mapWorkflowRun(payload.workflow_run, [], {
      repo: { host: 'github.com', owner: 'octo-org', repo: 'octo-repo' },
    });
    // name is '' in the delivery; path .github/workflows/test.yml; run_number 163;
    // run_started_at and updated_at are both 16:33:49, so the duration is 0.
    expect(run).toMatchObject({
      uid: 'github-actions:github.com:289782451',
      name: 'test #163',
      pipelineName: 'test',
      status: 'succeeded',
      createdAt: '2020-10-05T16:33:24Z',
      startedAt: '2020-10-05T16:33:49Z',
      completedAt: '2020-10-05T16:33:49Z',
      durationSeconds: 0,
      url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
      message: 'ci(action): update actions/setup-node digest to 8c91899',
    });
    expect(run.git).toEqual({
      repository: 'https://github.com/octo-org/octo-repo',
      revision: '3484a3fb816e0859fd6e1cea078d76385ff50625',
      branch: 'master',
      pullRequest: undefined,
      eventType: 'repository_dispatch',
    });
  });
});
