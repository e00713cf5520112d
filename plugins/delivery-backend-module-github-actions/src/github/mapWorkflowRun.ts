import { RunValue, TaskRun, TaskStep } from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import {
  GITHUB_ACTIONS_PROVIDER,
  GithubRepoRef,
  repositoryUrl,
  runUid,
} from './repository';
import { githubStatus } from './status';
import { GithubJob, GithubStep, GithubWorkflowRun } from './types';

function seconds(from?: string | null, to?: string | null) {
  if (!from || !to) return undefined;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/** The workflow's name; runs of unnamed workflows carry only the file path. */
export function workflowName(run: GithubWorkflowRun): string {
  if (run.name) return run.name;
  const file = run.path?.split('/').pop() ?? '';
  return file.replace(/\.ya?ml$/, '') || 'workflow';
}

function mapStep(step: GithubStep): TaskStep {
  const { status, reason } = githubStatus(step.status, step.conclusion);
  return {
    name: step.name,
    status,
    reason,
    startedAt: step.started_at ?? undefined,
    completedAt: step.completed_at ?? undefined,
  };
}

/** A job of a workflow run as a Slipway task; earlier attempts of the job count as retries. */
export function mapJob(job: GithubJob): TaskRun {
  const { status, reason } = githubStatus(job.status, job.conclusion);
  return {
    name: String(job.id),
    pipelineTaskName: job.name,
    status,
    reason,
    startedAt: job.started_at ?? undefined,
    completedAt:
      job.status === 'completed' ? job.completed_at ?? undefined : undefined,
    retries: Math.max(0, (job.run_attempt ?? 1) - 1),
    isFinally: false,
    steps: (job.steps ?? []).map(mapStep),
    url: job.html_url ?? undefined,
    message: job.runner_name ? `Runner: ${job.runner_name}` : undefined,
  };
}

/**
 * A GitHub Actions workflow run and its jobs as a Slipway run: the workflow is the pipeline,
 * jobs are tasks, steps are steps; head sha, branch, first pull request and triggering event
 * are the git facts; a run completes at its last update (GitHub has no completion time on runs).
 * Re-run attempts keep the run's uid: `run_attempt` is kept as a param and counts as retries
 * of the jobs that ran again.
 */
export function mapWorkflowRun(
  run: GithubWorkflowRun,
  jobs: GithubJob[],
  target: { repo: GithubRepoRef; entityRef?: string },
): PipelineRunRecord {
  const { status, reason } = githubStatus(run.status, run.conclusion);
  const startedAt = run.run_started_at ?? run.created_at;
  const completedAt = run.status === 'completed' ? run.updated_at : undefined;
  const pipelineName = workflowName(run);
  const actor = run.triggering_actor?.login ?? run.actor?.login;
  const params: RunValue[] = [
    { name: 'run_attempt', value: String(run.run_attempt ?? 1) },
    ...(run.path ? [{ name: 'workflow', value: run.path }] : []),
    ...(actor ? [{ name: 'actor', value: actor }] : []),
  ];
  const pullRequest = run.pull_requests?.[0]?.number;
  return {
    uid: runUid(target.repo.host, run.id),
    provider: GITHUB_ACTIONS_PROVIDER,
    namespace: `${target.repo.owner}/${target.repo.repo}`,
    name: `${pipelineName} #${run.run_number}`,
    pipelineName,
    entityRef: target.entityRef,
    status,
    reason,
    createdAt: run.created_at,
    startedAt,
    completedAt,
    durationSeconds: seconds(startedAt, completedAt),
    git: {
      repository: run.repository?.html_url ?? repositoryUrl(target.repo),
      revision: run.head_sha,
      branch: run.head_branch ?? undefined,
      pullRequest: pullRequest === undefined ? undefined : String(pullRequest),
      eventType: run.event,
    },
    message: run.display_title || undefined,
    params,
    url: run.html_url,
    tasks: jobs.map(mapJob),
  };
}
