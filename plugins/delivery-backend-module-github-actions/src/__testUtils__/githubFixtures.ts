/*
 * Small GitHub REST objects shaped like the examples in GitHub's REST documentation (workflow
 * runs, jobs, deployments, deployment statuses), for `acme/notification-service`. The expected
 * values in the tests are read off these objects by hand.
 */
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubJob,
  GithubWorkflowRun,
} from '../github/types';

export const OWNER = 'acme';
export const REPO = 'notification-service';
/** The fixtures' repository on github.com and the entity that claims it. */
export const REPO_REF = { host: 'github.com', owner: OWNER, repo: REPO };
export const ENTITY_REF = 'component:default/notification-service';
export const SHA_41 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const SHA_42 = 'b2c3d4e5f60718293a4b5c6d7e8f901234567890';
export const SHA_DEPLOY = 'c3d4e5f60718293a4b5c6d7e8f90123456789012';

const repository = {
  full_name: `${OWNER}/${REPO}`,
  html_url: `https://github.com/${OWNER}/${REPO}`,
};

function run(
  over: Partial<GithubWorkflowRun> & Pick<GithubWorkflowRun, 'id'>,
): GithubWorkflowRun {
  return {
    name: 'CI',
    path: '.github/workflows/ci.yml',
    display_title: 'Build',
    run_number: 1,
    run_attempt: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    head_branch: 'main',
    head_sha: SHA_41,
    pull_requests: [],
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${over.id}`,
    repository,
    actor: { login: 'octocat' },
    triggering_actor: { login: 'octocat' },
    ...over,
  };
}

/** CI #41: push to main, succeeded; started 10:00:05, last updated 10:04:05 (240 s). */
export const RUN_41 = run({
  id: 1001,
  run_number: 41,
  display_title: 'Add retry to the mailer',
  run_started_at: '2026-11-20T10:00:05Z',
  updated_at: '2026-11-20T10:04:05Z',
});

/** CI #42: a pull request (#7) on feature/digest, failed on its second attempt (210 s). */
export const RUN_42 = run({
  id: 1002,
  run_number: 42,
  run_attempt: 2,
  event: 'pull_request',
  conclusion: 'failure',
  head_branch: 'feature/digest',
  head_sha: SHA_42,
  pull_requests: [{ number: 7 }],
  display_title: 'Daily digest',
  created_at: '2026-11-20T11:00:00Z',
  run_started_at: '2026-11-20T11:30:00Z',
  updated_at: '2026-11-20T11:33:30Z',
  triggering_actor: { login: 'hubot' },
});

/** Deploy #7: dispatched by hand, still running (production job in progress). */
export const RUN_DEPLOY = run({
  id: 1003,
  name: 'Deploy',
  path: '.github/workflows/deploy.yml',
  run_number: 7,
  event: 'workflow_dispatch',
  status: 'in_progress',
  conclusion: null,
  head_sha: SHA_DEPLOY,
  display_title: 'Deploy',
  created_at: '2026-11-20T12:00:00Z',
  run_started_at: '2026-11-20T12:00:02Z',
  updated_at: '2026-11-20T12:01:00Z',
});

function job(
  over: Partial<GithubJob> & Pick<GithubJob, 'id' | 'run_id' | 'name'>,
): GithubJob {
  return {
    run_attempt: 1,
    status: 'completed',
    conclusion: 'success',
    html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${over.run_id}/job/${over.id}`,
    runner_name: 'GitHub Actions 2',
    steps: [],
    ...over,
  };
}

const step = (
  number: number,
  name: string,
  conclusion: string | null,
  started: string,
  completed: string | null,
) => ({
  number,
  name,
  status: conclusion ? 'completed' : 'in_progress',
  conclusion,
  started_at: started,
  completed_at: completed,
});

export const JOBS: Record<number, GithubJob[]> = {
  1001: [
    job({
      id: 5001,
      run_id: 1001,
      name: 'build',
      started_at: '2026-11-20T10:00:10Z',
      completed_at: '2026-11-20T10:02:00Z',
      steps: [
        step(
          1,
          'Set up job',
          'success',
          '2026-11-20T10:00:10Z',
          '2026-11-20T10:00:12Z',
        ),
        step(
          2,
          'Run npm test',
          'success',
          '2026-11-20T10:00:12Z',
          '2026-11-20T10:02:00Z',
        ),
      ],
    }),
    job({
      id: 5002,
      run_id: 1001,
      name: 'lint',
      started_at: '2026-11-20T10:00:10Z',
      completed_at: '2026-11-20T10:01:00Z',
    }),
  ],
  1002: [
    job({
      id: 5003,
      run_id: 1002,
      run_attempt: 2,
      name: 'build',
      conclusion: 'failure',
      started_at: '2026-11-20T11:30:05Z',
      completed_at: '2026-11-20T11:33:00Z',
      steps: [
        step(
          1,
          'Set up job',
          'success',
          '2026-11-20T11:30:05Z',
          '2026-11-20T11:30:07Z',
        ),
        step(
          2,
          'Run npm test',
          'failure',
          '2026-11-20T11:30:07Z',
          '2026-11-20T11:33:00Z',
        ),
        step(
          3,
          'Upload coverage',
          'skipped',
          '2026-11-20T11:33:00Z',
          '2026-11-20T11:33:00Z',
        ),
      ],
    }),
    job({
      id: 5004,
      run_id: 1002,
      name: 'lint',
      started_at: '2026-11-20T11:00:10Z',
      completed_at: '2026-11-20T11:01:00Z',
    }),
  ],
  1003: [
    job({
      id: 5005,
      run_id: 1003,
      name: 'deploy-staging',
      started_at: '2026-11-20T12:00:05Z',
      completed_at: '2026-11-20T12:00:50Z',
    }),
    job({
      id: 5006,
      run_id: 1003,
      name: 'deploy-production',
      status: 'in_progress',
      conclusion: null,
      started_at: '2026-11-20T12:00:55Z',
      completed_at: null,
      steps: [step(1, 'Deploy', null, '2026-11-20T12:00:56Z', null)],
    }),
  ],
};

function deployment(
  id: number,
  environment: string,
  sha: string,
  created: string,
): GithubDeployment {
  return { id, environment, sha, ref: 'main', created_at: created };
}

const status = (
  id: number,
  state: string,
  created: string,
): GithubDeploymentStatus => ({ id, state, created_at: created });

/** Deployments, newest first (as GitHub lists them), each with its statuses newest first. */
export const DEPLOYMENTS: Array<{
  deployment: GithubDeployment;
  statuses: GithubDeploymentStatus[];
}> = [
  {
    // still running: not a deployment attempt yet
    deployment: deployment(
      9004,
      'production',
      SHA_DEPLOY,
      '2026-11-20T12:01:00Z',
    ),
    statuses: [status(9404, 'in_progress', '2026-11-20T12:01:01Z')],
  },
  {
    deployment: deployment(9003, 'production', SHA_42, '2026-11-20T11:40:00Z'),
    statuses: [status(9303, 'failure', '2026-11-20T11:41:30Z')],
  },
  {
    // succeeded, later superseded (inactive): still a success at 10:12
    deployment: deployment(9002, 'production', SHA_41, '2026-11-20T10:10:00Z'),
    statuses: [
      status(9212, 'inactive', '2026-11-20T13:00:00Z'),
      status(9202, 'success', '2026-11-20T10:12:00Z'),
    ],
  },
  {
    deployment: deployment(9001, 'staging', SHA_41, '2026-11-20T10:05:00Z'),
    statuses: [
      status(9102, 'success', '2026-11-20T10:06:00Z'),
      status(9101, 'in_progress', '2026-11-20T10:05:01Z'),
    ],
  },
];
