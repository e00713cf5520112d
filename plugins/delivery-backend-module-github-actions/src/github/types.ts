/*
 * The parts of GitHub's REST and webhook objects this module reads (see GitHub's REST docs for
 * "Workflow runs", "Workflow jobs", "Deployments" and "Deployment statuses").
 */

/** `status` of a workflow run or job. */
export type GithubRunState =
  | 'requested'
  | 'queued'
  | 'pending'
  | 'waiting'
  | 'in_progress'
  | 'completed'
  | string;

/** `conclusion` of a completed workflow run, job or step. */
export type GithubConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure'
  | string;

export interface GithubRepository {
  full_name: string;
  html_url: string;
}

export interface GithubWorkflowRun {
  id: number;
  name?: string | null;
  display_title?: string;
  path?: string;
  run_number: number;
  run_attempt?: number;
  event: string;
  status: GithubRunState | null;
  conclusion: GithubConclusion | null;
  head_branch: string | null;
  head_sha: string;
  pull_requests?: Array<{ number: number }> | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  html_url: string;
  repository?: GithubRepository;
  actor?: { login: string } | null;
  triggering_actor?: { login: string } | null;
}

export interface GithubStep {
  name: string;
  number: number;
  status: GithubRunState;
  conclusion: GithubConclusion | null;
  started_at?: string | null;
  completed_at?: string | null;
}

export interface GithubJob {
  id: number;
  run_id: number;
  run_attempt?: number;
  name: string;
  status: GithubRunState;
  conclusion: GithubConclusion | null;
  created_at?: string;
  started_at?: string | null;
  completed_at?: string | null;
  html_url?: string | null;
  runner_name?: string | null;
  steps?: GithubStep[];
}

export interface GithubDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
}

/** `state` of a deployment status. */
export type GithubDeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'in_progress'
  | 'queued'
  | 'pending'
  | 'success'
  | string;

export interface GithubDeploymentStatus {
  id: number;
  state: GithubDeploymentState;
  environment?: string;
  created_at: string;
}
