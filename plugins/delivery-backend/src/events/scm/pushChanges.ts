/**
 * Commits of an SCM push to a repository's default branch, in push order, as DORA changes.
 * Pushes to other branches, tag pushes and branch deletions carry no changes: their commits
 * reach the default branch later, through a merge that is pushed there.
 */
export interface PushedCommit {
  sha: string;
  authoredAt: string;
  isMerge: boolean;
}

export interface PushSummary {
  /** `owner/name` (GitHub) or `group/project` (GitLab). */
  repository: string;
  commits: PushedCommit[];
  /** The push listed fewer commits than it had (GitLab caps at 20). */
  truncated: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v && typeof v === 'object' ? (v as Json) : {};
const str = (v: unknown) =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/** GitLab writes "2016-08-12 15:23:28 UTC" in some hooks; commits use ISO with an offset. */
export function isoTime(value: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  const utc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(text);
  const date = new Date(utc ? `${utc[1]}T${utc[2]}Z` : text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const isMergeMessage = (message: unknown) =>
  /^Merge (pull request|branch|remote-tracking branch)\b/.test(
    String(message ?? ''),
  );

function commitsOf(list: unknown): PushedCommit[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap(c => {
    const commit = obj(c);
    const sha = str(commit.id);
    const authoredAt = isoTime(commit.timestamp);
    return sha && authoredAt
      ? [{ sha, authoredAt, isMerge: isMergeMessage(commit.message) }]
      : [];
  });
}

/** A GitHub `push` webhook payload (unwrapping a `{ headers, body }` envelope). */
export function githubPush(payload: unknown): PushSummary | undefined {
  const body = obj(obj(payload).body ?? payload);
  const repository = obj(body.repository);
  const fullName = str(repository.full_name);
  const branch =
    str(repository.default_branch) ?? str(repository.master_branch);
  if (!fullName || body.deleted === true || body.ref !== `refs/heads/${branch}`)
    return undefined;
  return {
    repository: fullName,
    commits: commitsOf(body.commits),
    truncated: false,
  };
}

/** A GitLab `push` hook payload. */
export function gitlabPush(payload: unknown): PushSummary | undefined {
  const body = obj(payload);
  const project = obj(body.project);
  const path = str(project.path_with_namespace);
  const branch = str(project.default_branch);
  if (
    !path ||
    body.object_kind !== 'push' ||
    body.ref !== `refs/heads/${branch}`
  )
    return undefined;
  const commits = commitsOf(body.commits);
  const total =
    typeof body.total_commits_count === 'number'
      ? body.total_commits_count
      : commits.length;
  return { repository: path, commits, truncated: total > commits.length };
}
