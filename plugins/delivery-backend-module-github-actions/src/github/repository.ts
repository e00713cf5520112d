import { InputError } from '@backstage/errors';

/** Name of this provider, stored as each run's `provider`. */
export const GITHUB_ACTIONS_PROVIDER = 'github-actions';

/** A repository on one GitHub host. */
export interface GithubRepoRef {
  /** e.g. `github.com` or a GitHub Enterprise host. */
  host: string;
  owner: string;
  repo: string;
}

/** `owner/repo`, lower case: how repositories are keyed. */
export function slugOf(ref: Pick<GithubRepoRef, 'owner' | 'repo'>): string {
  return `${ref.owner}/${ref.repo}`.toLocaleLowerCase('en-US');
}

/** The web address of a repository, e.g. `https://github.com/acme/shop`. */
export function repositoryUrl(ref: GithubRepoRef): string {
  return `https://${ref.host}/${ref.owner}/${ref.repo}`;
}

/** Slipway's uid of a workflow run: run ids are unique per GitHub host. */
export function runUid(host: string, runId: number): string {
  return `${GITHUB_ACTIONS_PROVIDER}:${host}:${runId}`;
}

/** Reads a repository web address (a run's `git.repository`) back into its parts. */
export function parseRepositoryUrl(url: string | undefined): GithubRepoRef {
  const match = url?.match(
    /^https?:\/\/([^/]+)\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/,
  );
  if (!match) {
    throw new InputError(`'${url}' is not a GitHub repository address`);
  }
  return { host: match[1], owner: match[2], repo: match[3] };
}

/** The workflow run id inside a uid made by {@link runUid}. */
export function runIdOf(uid: string): number {
  const id = Number(uid.slice(uid.lastIndexOf(':') + 1));
  if (!uid.startsWith(`${GITHUB_ACTIONS_PROVIDER}:`) || !Number.isInteger(id)) {
    throw new InputError(`'${uid}' is not a GitHub Actions run uid`);
  }
  return id;
}
