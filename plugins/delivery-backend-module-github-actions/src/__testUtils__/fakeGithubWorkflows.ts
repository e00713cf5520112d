import { parse } from 'yaml';
import type {
  FakeAnswer,
  FakeRepository,
  FakeRequest,
} from './fakeGithubState';

/**
 * How the fake answers a dispatch with `return_run_details: true`: with the new run's id and
 * links (github.com since February 2026), with a plain 204 (a GitHub that ignores the
 * parameter), or with a 422 naming it (a GitHub that refuses unknown parameters).
 */
export type RunDetailsSupport = 'returned' | 'ignored' | 'refused';

/** The workflow side of one fake repository. */
export interface FakeWorkflows {
  defaultBranch: string;
  /** File contents by `<ref>:<path>`, e.g. `main:.github/workflows/deploy.yml`. */
  files: Record<string, string>;
  runDetails: RunDetailsSupport;
}

export function newFakeWorkflows(): FakeWorkflows {
  return { defaultBranch: 'main', files: {}, runDetails: 'returned' };
}

const notFound: FakeAnswer = { status: 404, body: { message: 'Not Found' } };
const unprocessable = (message: string): FakeAnswer => ({
  status: 422,
  body: {
    message,
    documentation_url:
      'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event',
  },
});

/** The contents API's answer for a file: base64 in lines of 60, left out above 1 MB. */
function contents(path: string, text: string, htmlBase: string): FakeAnswer {
  const bytes = Buffer.from(text);
  const inline = bytes.length <= 1024 * 1024;
  const content = inline
    ? (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n')
    : '';
  return {
    status: 200,
    body: {
      type: 'file',
      encoding: inline ? 'base64' : 'none',
      size: bytes.length,
      name: path.split('/').pop(),
      path,
      sha: 'f00df00df00df00df00df00df00df00df00df00d',
      html_url: `${htmlBase}/blob/main/${path}`,
      content,
    },
  };
}

function dispatch(
  repo: FakeRepository,
  workflowId: string,
  body: Record<string, unknown>,
  htmlBase: string,
  now: () => string,
): FakeAnswer {
  const { workflows } = repo;
  const ref = String(body.ref ?? '');
  const path = `.github/workflows/${workflowId}`;
  const known = Object.keys(workflows.files);
  if (!known.some(key => key.endsWith(`:${path}`))) return notFound;
  const refs = new Set([
    workflows.defaultBranch,
    ...known.map(k => k.slice(0, k.indexOf(':'))),
  ]);
  if (!refs.has(ref)) return unprocessable(`No ref found for: ${ref}`);
  const text = workflows.files[`${ref}:${path}`];
  if (text === undefined || !text.includes('workflow_dispatch')) {
    return unprocessable("Workflow does not have 'workflow_dispatch' trigger");
  }
  const wantsDetails = body.return_run_details === true;
  if (wantsDetails && workflows.runDetails === 'refused') {
    return unprocessable(
      'Invalid request.\n\n"return_run_details" is not a permitted key.',
    );
  }
  const id = Math.max(2000, ...repo.runs.map(r => r.id)) + 1;
  const name = (parse(text) as { name?: string } | null)?.name;
  const sameWorkflow = repo.runs.filter(r => r.path === path);
  const at = now();
  repo.runs.push({
    id,
    name,
    path,
    display_title: name ?? workflowId,
    run_number: Math.max(0, ...sameWorkflow.map(r => r.run_number)) + 1,
    run_attempt: 1,
    event: 'workflow_dispatch',
    status: 'queued',
    conclusion: null,
    head_branch: ref,
    head_sha: 'd4e5f60718293a4b5c6d7e8f9012345678901234',
    pull_requests: [],
    created_at: at,
    updated_at: at,
    html_url: `${htmlBase}/actions/runs/${id}`,
  });
  repo.jobs[id] = [];
  if (!wantsDetails || workflows.runDetails === 'ignored') {
    return { status: 204 };
  }
  return {
    status: 200,
    body: {
      workflow_run_id: id,
      run_url: `/repos/${htmlBase
        .split('/')
        .slice(-2)
        .join('/')}/actions/runs/${id}`,
      html_url: `${htmlBase}/actions/runs/${id}`,
    },
  };
}

/**
 * The routes of starting workflows by hand: the repository (its default branch), a file's
 * contents at a ref, and a workflow dispatch (which adds a queued run, as GitHub does). Answers
 * `undefined` for other routes.
 */
export function workflowRoutes(
  repo: FakeRepository,
  request: FakeRequest,
  rest: string,
  context: { htmlBase: string; now: () => string },
): FakeAnswer | undefined {
  const { workflows } = repo;
  if (request.method === 'GET' && rest === '') {
    return {
      status: 200,
      body: {
        full_name: context.htmlBase.split('/').slice(-2).join('/'),
        html_url: context.htmlBase,
        default_branch: workflows.defaultBranch,
      },
    };
  }
  const file = rest.match(/^\/contents\/(.+)$/);
  if (request.method === 'GET' && file) {
    const ref = request.query.ref ?? workflows.defaultBranch;
    const text = workflows.files[`${ref}:${file[1]}`];
    return text === undefined
      ? notFound
      : contents(file[1], text, context.htmlBase);
  }
  const dispatched = rest.match(/^\/actions\/workflows\/([^/]+)\/dispatches$/);
  if (request.method === 'POST' && dispatched) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return dispatch(repo, dispatched[1], body, context.htmlBase, context.now);
  }
  return undefined;
}
