import { RunGitInfo } from '@slipway/plugin-delivery-common';

/** The web URL of the run's commit, for http(s) repositories (`.git` suffix dropped). */
export function commitUrl(git: RunGitInfo): string | undefined {
  if (
    !git.repository ||
    !git.revision ||
    !/^https?:\/\//.test(git.repository)
  ) {
    return undefined;
  }
  const base = git.repository.replace(/\.git$/, '').replace(/\/$/, '');
  return base.includes('gitlab')
    ? `${base}/-/commit/${git.revision}`
    : `${base}/commit/${git.revision}`;
}
