import {
  FakeWorkflows,
  newFakeWorkflows,
  workflowRoutes,
} from './fakeGithubWorkflows';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubJob,
  GithubWorkflowRun,
} from '../github/types';

/** One repository as the fake GitHub holds it. */
export interface FakeRepository {
  runs: GithubWorkflowRun[];
  jobs: Record<number, GithubJob[]>;
  deployments: Array<{
    deployment: GithubDeployment;
    statuses: GithubDeploymentStatus[];
  }>;
  /** Log text per job id. */
  logs: Record<number, string>;
  /** Workflow files, the default branch, and how dispatches are answered. */
  workflows: FakeWorkflows;
}

/** An empty repository. */
export function newFakeRepository(): FakeRepository {
  return {
    runs: [],
    jobs: {},
    deployments: [],
    logs: {},
    workflows: newFakeWorkflows(),
  };
}

/** A request to a route, as the fake received it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body, when there is one. */
  body?: unknown;
}

/** An answer of a route: JSON body, or text, or a redirect. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** A list answer: paged by `per_page` / `page` with a `Link` header. */
  items?: unknown[];
  wrap?: (page: unknown[], total: number) => unknown;
}

const notFound: FakeAnswer = { status: 404, body: { message: 'Not Found' } };

/**
 * The GitHub REST routes the module uses, answered from in-memory repositories with bodies
 * shaped like GitHub's documented examples; actions change the state as GitHub would.
 */
export function answer(
  repos: Map<string, FakeRepository>,
  request: FakeRequest,
  baseUrl: string,
  now: () => string,
): FakeAnswer {
  const { method, path } = request;
  const blob = path.match(/^\/_blobs\/logs\/(\d+)$/);
  if (blob) {
    const log = [...repos.values()].find(r => r.logs[Number(blob[1])])?.logs[
      Number(blob[1])
    ];
    return log === undefined ? notFound : { status: 200, text: log };
  }
  const m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
  const repo = m && repos.get(`${m[1]}/${m[2]}`.toLowerCase());
  if (!m || !repo) return notFound;
  const rest = m[3] ?? '';
  const workflowAnswer = workflowRoutes(repo, request, rest, {
    htmlBase: `https://github.com/${m[1]}/${m[2]}`,
    now,
  });
  if (workflowAnswer) return workflowAnswer;
  const runOf = (id: string) => repo.runs.find(r => r.id === Number(id));
  const routes: Array<[string, RegExp, (id: string) => FakeAnswer]> = [
    ['GET', /^\/actions\/runs$/, () => listRuns(repo)],
    ['GET', /^\/actions\/runs\/(\d+)$/, id => found(runOf(id))],
    ['GET', /^\/actions\/runs\/(\d+)\/jobs$/, id => listJobs(repo, runOf(id))],
    [
      'GET',
      /^\/actions\/jobs\/(\d+)\/logs$/,
      id => logRedirect(repo, id, baseUrl),
    ],
    ['POST', /^\/actions\/runs\/(\d+)\/rerun$/, id => rerun(runOf(id), now)],
    ['POST', /^\/actions\/runs\/(\d+)\/cancel$/, id => cancel(runOf(id), now)],
    [
      'GET',
      /^\/deployments$/,
      () => ({
        status: 200,
        items: repo.deployments.map(d => d.deployment),
      }),
    ],
    [
      'GET',
      /^\/deployments\/(\d+)\/statuses$/,
      id => {
        const d = repo.deployments.find(x => x.deployment.id === Number(id));
        return d ? { status: 200, items: d.statuses } : notFound;
      },
    ],
  ];
  for (const [verb, pattern, handle] of routes) {
    const match = rest.match(pattern);
    if (verb === method && match) return handle(match[1]);
  }
  return notFound;
}

function found(body: unknown): FakeAnswer {
  return body ? { status: 200, body } : notFound;
}

function listRuns(repo: FakeRepository): FakeAnswer {
  const runs = [...repo.runs].sort(
    (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at),
  );
  return {
    status: 200,
    items: runs,
    wrap: (page, total) => ({ total_count: total, workflow_runs: page }),
  };
}

function listJobs(
  repo: FakeRepository,
  run: GithubWorkflowRun | undefined,
): FakeAnswer {
  if (!run) return notFound;
  return {
    status: 200,
    items: repo.jobs[run.id] ?? [],
    wrap: (page, total) => ({ total_count: total, jobs: page }),
  };
}

function logRedirect(
  repo: FakeRepository,
  jobId: string,
  baseUrl: string,
): FakeAnswer {
  if (repo.logs[Number(jobId)] === undefined) return notFound;
  return {
    status: 302,
    headers: { location: `${baseUrl}/_blobs/logs/${jobId}` },
  };
}

function rerun(
  run: GithubWorkflowRun | undefined,
  now: () => string,
): FakeAnswer {
  if (!run) return notFound;
  if (run.status !== 'completed') {
    return {
      status: 403,
      body: { message: 'This workflow is already running' },
    };
  }
  Object.assign(run, {
    run_attempt: (run.run_attempt ?? 1) + 1,
    status: 'queued',
    conclusion: null,
    updated_at: now(),
  });
  return { status: 201, body: {} };
}

function cancel(
  run: GithubWorkflowRun | undefined,
  now: () => string,
): FakeAnswer {
  if (!run) return notFound;
  if (run.status === 'completed') {
    return {
      status: 409,
      body: { message: 'Cannot cancel a workflow run that is completed.' },
    };
  }
  Object.assign(run, {
    status: 'completed',
    conclusion: 'cancelled',
    updated_at: now(),
  });
  return { status: 202, body: {} };
}
