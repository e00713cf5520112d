import { GithubRepoRef } from './repository';
import { GithubDeployment, GithubDeploymentStatus } from './types';

/**
 * A deployment as Slipway's generic events API takes it (`POST /api/delivery/events/deployments`).
 */
export interface DeploymentEventBody {
  id: string;
  entityRef: string;
  environment: string;
  status: 'success' | 'failed' | 'cancelled';
  startedAt?: string;
  finishedAt: string;
  commitSha?: string;
  version?: string;
}

const FINISHED: Record<string, DeploymentEventBody['status']> = {
  success: 'success',
  failure: 'failed',
  error: 'failed',
};

/** Slipway's id of a GitHub deployment: deployment ids are unique per GitHub host. */
export function deploymentId(repo: GithubRepoRef, id: number): string {
  return `github:${repo.host}/${repo.owner}/${repo.repo}/deployments/${id}`.toLocaleLowerCase(
    'en-US',
  );
}

/**
 * A GitHub deployment with its statuses as a finished Slipway deployment attempt, or undefined
 * while it is unfinished. The outcome is the newest status other than `inactive` (which GitHub
 * sets on an earlier deployment once a newer one to the environment succeeds): `success`, or
 * `failure` / `error` (failed). It started when the deployment was created and finished at that
 * status; it shipped the deployment's sha.
 */
export function mapDeployment(
  deployment: GithubDeployment,
  statuses: GithubDeploymentStatus[],
  target: { repo: GithubRepoRef; entityRef: string },
): DeploymentEventBody | undefined {
  const latest = statuses
    .filter(s => s.state !== 'inactive')
    .sort(
      (a, b) =>
        Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id,
    )[0];
  const status = latest && FINISHED[latest.state];
  if (!status || !deployment.environment) {
    return undefined;
  }
  return {
    id: deploymentId(target.repo, deployment.id),
    entityRef: target.entityRef,
    environment: deployment.environment,
    status,
    startedAt: deployment.created_at,
    finishedAt: latest.created_at,
    commitSha: deployment.sha,
    version: deployment.sha,
  };
}
