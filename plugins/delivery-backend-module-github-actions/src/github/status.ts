import { RunStatus } from '@slipway/plugin-delivery-common';
import { GithubConclusion, GithubRunState } from './types';

const BY_CONCLUSION: Record<string, RunStatus> = {
  success: 'succeeded',
  // neutral counts as passing, as GitHub's own checks UI shows it
  neutral: 'succeeded',
  failure: 'failed',
  startup_failure: 'failed',
  cancelled: 'cancelled',
  // nothing ran (an `if:` was false, or GitHub gave up on a stale run): not a failure
  skipped: 'cancelled',
  stale: 'cancelled',
  timed_out: 'timedOut',
  // waits for a maintainer to approve the run (e.g. a first-time contributor's pull request)
  action_required: 'pending',
};

const BY_STATE: Record<string, RunStatus> = {
  requested: 'pending',
  queued: 'pending',
  pending: 'pending',
  waiting: 'pending',
  in_progress: 'running',
};

/**
 * Slipway's status of a GitHub Actions run, job or step from GitHub's `status` and
 * `conclusion`; the reason is GitHub's own word (the conclusion once completed, else the state).
 */
export function githubStatus(
  state: GithubRunState | null | undefined,
  conclusion: GithubConclusion | null | undefined,
): { status: RunStatus; reason?: string } {
  if (state === 'completed') {
    return {
      status: (conclusion && BY_CONCLUSION[conclusion]) || 'unknown',
      reason: conclusion ?? undefined,
    };
  }
  return {
    status: (state && BY_STATE[state]) || 'unknown',
    reason: state ?? undefined,
  };
}
