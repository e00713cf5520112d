import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  PipelineParamSpec,
  PipelineRunWithTasks,
} from '@slipway/plugin-delivery-common';
import {
  RunActionContext,
  StartRunTarget,
} from '@slipway/plugin-delivery-node';
import { GithubActionsClient } from '../client/GithubActionsClient';
import {
  GithubRepoRef,
  repositoryUrl,
  runIdOf,
  runUid,
} from '../github/repository';
import { GithubWorkflowRun } from '../github/types';
import {
  DispatchableWorkflow,
  dispatchInputs,
  readDispatchableWorkflow,
} from '../github/workflowInputs';
import { toWorkflowError, WorkflowErrorText } from './githubErrors';

/** Workflow files larger than this are not read (real ones are a few KiB). */
export const MAX_WORKFLOW_FILE_BYTES = 512 * 1024;
/** The contents API answers a file base64-encoded inside JSON: about 4/3 of its size. */
const MAX_CONTENTS_ANSWER_BYTES = 2 * MAX_WORKFLOW_FILE_BYTES + 16 * 1024;

const REPOSITORY = 'GET /repos/{owner}/{repo}';
const RUN = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
const DISPATCH =
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

/** Where a run's workflow lives: its file in the repository and the ref it runs from. */
interface WorkflowAt {
  /** e.g. `.github/workflows/deploy.yml`. */
  path: string;
  /** e.g. `deploy.yml`: the `workflow_id` of the dispatch route. */
  file: string;
  /** The branch (or tag) to read the file at and run it on. */
  ref: string;
  /** e.g. `acme/shop`. */
  slug: string;
}

/** A run GitHub accepted; `runId` only when GitHub said which run it is. */
export interface DispatchedRun {
  name: string;
  uid?: string;
  url?: string;
  runId?: number;
}

interface ContentsAnswer {
  type?: string;
  size?: number;
  encoding?: string;
  content?: string;
}

interface DispatchAnswer {
  workflow_run_id?: unknown;
  html_url?: unknown;
}

function isReturnRunDetailsRefused(error: unknown): boolean {
  const { status, message } = error as { status?: number; message?: string };
  return status === 422 && /return_run_details/.test(String(message));
}

/**
 * Starting GitHub Actions workflows by hand (`workflow_dispatch`): reading a workflow file's
 * inputs through the contents API (bounded to {@link MAX_WORKFLOW_FILE_BYTES}) and asking GitHub
 * to dispatch it, through the module's client (its credentials, timeouts and rate limits).
 */
export class WorkflowDispatcher {
  constructor(private readonly deps: { logger: LoggerService }) {}

  /** The `workflow_dispatch` inputs of the workflow a run ran, read at the run's branch. */
  async describe(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    run: PipelineRunWithTasks,
  ): Promise<{ description: string; params: PipelineParamSpec[] }> {
    const at = await this.#locate(client, repo, run);
    const workflow = await this.#read(client, repo, at);
    return {
      description: `Runs ${at.path} of ${at.slug} on '${at.ref}' (GitHub Actions workflow_dispatch)`,
      params: workflow.inputs.map(input => input.spec),
    };
  }

  /**
   * Starts the workflow of `run` (the target's `basedOn`) on that run's branch (else the
   * repository's default branch) with `target.params` as inputs, checked against the inputs the
   * workflow declares there. Asks GitHub for the new run's id (`return_run_details`); a GitHub
   * that does not give it answers only the workflow's runs page, and the run arrives with the
   * next sync.
   */
  async start(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    run: PipelineRunWithTasks,
    target: Pick<StartRunTarget, 'pipelineName' | 'params'>,
    context: RunActionContext,
  ): Promise<DispatchedRun> {
    if (run.pipelineName !== target.pipelineName) {
      throw new InputError(
        `Run ${run.uid} is of workflow '${run.pipelineName}', not '${target.pipelineName}'`,
      );
    }
    const at = await this.#locate(client, repo, run);
    const workflow = await this.#read(client, repo, at);
    const what = `workflow ${at.file} of ${at.slug}`;
    const inputs = dispatchInputs(workflow, target.params, what);
    const answer = await this.#dispatch(client, repo, at, inputs);
    const runId = Number(answer?.workflow_run_id);
    const started = Number.isSafeInteger(runId) && runId > 0;
    const runsPage = `${repositoryUrl(repo)}/actions/workflows/${at.file}`;
    // GitHub keeps no record of who asked for a dispatch besides the integration's identity
    this.deps.logger.info(
      `Asked GitHub to start ${what} on '${at.ref}' for ${
        context.requestedBy
      } (inputs: ${Object.keys(inputs).join(', ') || 'none'}); ${
        started
          ? `run ${runId}`
          : 'GitHub did not say which run, it is read with the next sync'
      }`,
    );
    if (!started) return { name: run.pipelineName, url: runsPage };
    return {
      name: run.pipelineName,
      uid: runUid(repo.host, runId),
      url: typeof answer?.html_url === 'string' ? answer.html_url : runsPage,
      runId,
    };
  }

  async #dispatch(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    at: WorkflowAt,
    inputs: Record<string, string>,
  ): Promise<DispatchAnswer | undefined> {
    const request = (details: boolean) =>
      client.post(
        repo,
        DISPATCH,
        {
          workflow_id: at.file,
          ref: at.ref,
          ...(Object.keys(inputs).length ? { inputs } : {}),
          ...(details ? { return_run_details: true } : {}),
        },
        // a 5xx may have started the run already: asking again could start a second one
        { retry: false },
      );
    const text: WorkflowErrorText = {
      what: `start workflow ${at.file} of ${at.slug} on '${at.ref}'`,
      notFound: `GitHub does not know workflow ${at.file} of ${at.slug} (renamed or deleted?), or the integration cannot see the repository`,
      permission:
        "The GitHub token or App of integrations.github needs the 'Actions: write' permission on the repository",
      serverError: `GitHub failed while starting workflow ${at.file} of ${at.slug}; the run may have started anyway: look at the workflow's runs before starting it again`,
    };
    try {
      try {
        return (await request(true)).data as DispatchAnswer | undefined;
      } catch (error) {
        // a GitHub (Enterprise Server) that does not know the parameter yet: 422 started nothing
        if (!isReturnRunDetailsRefused(error)) throw error;
        this.deps.logger.debug(
          `GitHub (${repo.host}) refused return_run_details; dispatching without it`,
        );
        return (await request(false)).data as DispatchAnswer | undefined;
      }
    } catch (error) {
      throw toWorkflowError(error, text);
    }
  }

  async #locate(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    run: PipelineRunWithTasks,
  ): Promise<WorkflowAt> {
    const slug = `${repo.owner}/${repo.repo}`;
    const kept = run.params?.find(p => p.name === 'workflow')?.value;
    let path = typeof kept === 'string' ? kept : undefined;
    if (!path) {
      // runs stored without their workflow file: GitHub's copy of the run names it
      const runId = runIdOf(run.uid);
      const answer = await this.#get<GithubWorkflowRun>(
        client,
        repo,
        RUN,
        { run_id: runId },
        {
          what: `read run ${runId} of ${slug}`,
          notFound: `GitHub no longer has run ${runId} of ${slug}, so the workflow it ran is unknown`,
          permission:
            "The GitHub token or App of integrations.github needs the 'Actions: read' permission",
        },
      );
      path = answer.path ?? '';
    }
    // some runs name the file with the ref it was read at: `….yml@refs/heads/main`
    path = path.replace(/@.*$/, '');
    if (!/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) {
      throw new ConflictError(
        `'${run.pipelineName}' (${
          path || 'no workflow file'
        }) is not a workflow file of ${slug} but one GitHub runs by itself (e.g. Dependabot, Pages or code scanning); it cannot be started by hand`,
      );
    }
    const ref =
      run.git.branch || (await this.#defaultBranch(client, repo, slug));
    return { path, file: path.slice(path.lastIndexOf('/') + 1), ref, slug };
  }

  async #defaultBranch(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    slug: string,
  ): Promise<string> {
    const answer = await this.#get<{ default_branch?: string }>(
      client,
      repo,
      REPOSITORY,
      {},
      {
        what: `read repository ${slug}`,
        notFound: `GitHub does not know repository ${slug}, or the integration cannot see it`,
        permission:
          "The GitHub token or App of integrations.github needs the 'Metadata: read' permission",
      },
    );
    if (!answer.default_branch) {
      throw new ConflictError(`Repository ${slug} has no default branch`);
    }
    return answer.default_branch;
  }

  async #read(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    at: WorkflowAt,
  ): Promise<DispatchableWorkflow> {
    const where = `${at.path} of ${at.slug} at '${at.ref}'`;
    const route = `GET /repos/{owner}/{repo}/contents/${at.path
      .split('/')
      .map(encodeURIComponent)
      .join('/')}`;
    const file = await this.#get<ContentsAnswer>(
      client,
      repo,
      route,
      { ref: at.ref },
      {
        what: `read ${where}`,
        notFound: `GitHub has no ${at.path} on '${at.ref}' of ${at.slug}: the workflow was renamed or deleted there, the branch is gone, or the integration cannot see the repository`,
        permission:
          "The GitHub token or App of integrations.github needs the 'Contents: read' permission on the repository",
      },
      MAX_CONTENTS_ANSWER_BYTES,
    );
    if (file.type !== 'file') {
      throw new ConflictError(`${where} is not a file (${file.type})`);
    }
    if (
      (file.size ?? 0) > MAX_WORKFLOW_FILE_BYTES ||
      file.encoding !== 'base64' ||
      typeof file.content !== 'string'
    ) {
      throw new ConflictError(
        `${where} is ${file.size} bytes; Slipway reads workflow files of up to ${MAX_WORKFLOW_FILE_BYTES} bytes`,
      );
    }
    const text = Buffer.from(file.content, 'base64').toString('utf8');
    return readDispatchableWorkflow(text, `Workflow ${where}`);
  }

  async #get<T>(
    client: GithubActionsClient,
    repo: GithubRepoRef,
    route: string,
    params: Record<string, string | number>,
    text: WorkflowErrorText,
    maxBytes?: number,
  ): Promise<T> {
    try {
      return (await client.get<T>(repo, route, params, { maxBytes })).data;
    } catch (error) {
      throw toWorkflowError(error, text);
    }
  }
}
