import fs from 'fs';
import path from 'path';
import { githubPush, gitlabPush, isoTime } from './pushChanges';

const scm = path.resolve(__dirname, '../../../../../../shared/fixtures/scm');
const present = fs.existsSync(scm);
if (!present) {
  console.info(
    `Shared SCM fixtures are absent (${scm}); skipping the webhook fixture tests.`,
  );
}
const describeFixtures = present ? describe : describe.skip;
const read = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(scm, file), 'utf8'));

const github = (ref: string, extra: object = {}) => ({
  ref,
  repository: { full_name: 'acme/ledger', default_branch: 'main' },
  commits: [
    {
      id: 'a1',
      timestamp: '2026-11-20T10:00:00+01:00',
      message: 'Fix rounding',
    },
    {
      id: 'b2',
      timestamp: '2026-11-20T10:05:00Z',
      message: 'Merge pull request #12 from acme/fix',
    },
  ],
  ...extra,
});

describe('githubPush', () => {
  it('reads default-branch pushes in order, marking merges and normalising times', () => {
    expect(githubPush(github('refs/heads/main'))).toEqual({
      repository: 'acme/ledger',
      truncated: false,
      commits: [
        { sha: 'a1', authoredAt: '2026-11-20T09:00:00.000Z', isMerge: false },
        { sha: 'b2', authoredAt: '2026-11-20T10:05:00.000Z', isMerge: true },
      ],
    });
  });

  it('ignores other branches, tags and deletions', () => {
    expect(githubPush(github('refs/heads/feature'))).toBeUndefined();
    expect(githubPush(github('refs/tags/v1'))).toBeUndefined();
    expect(
      githubPush(github('refs/heads/main', { deleted: true })),
    ).toBeUndefined();
  });
});

describe('gitlabPush and isoTime', () => {
  it('reads GitLab pushes and says when the commit list was cut', () => {
    const push = gitlabPush({
      object_kind: 'push',
      ref: 'refs/heads/main',
      project: { path_with_namespace: 'acme/ledger', default_branch: 'main' },
      total_commits_count: 30,
      commits: [
        { id: 'c3', timestamp: '2026-11-20T10:00:00+02:00', message: 'x' },
      ],
    });
    expect(push).toEqual({
      repository: 'acme/ledger',
      truncated: true,
      commits: [
        { sha: 'c3', authoredAt: '2026-11-20T08:00:00.000Z', isMerge: false },
      ],
    });
    expect(isoTime('2016-08-12 15:23:28 UTC')).toBe('2016-08-12T15:23:28.000Z');
    expect(isoTime('yesterday')).toBeUndefined();
  });
});

describeFixtures('shared SCM webhook fixtures', () => {
  it('reads the pushes GitHub and GitLab really send', () => {
    // one commit pushed to master, the default branch
    expect(
      githubPush(read('github-push-new-branch.json'))?.commits.map(c =>
        c.sha.slice(0, 7),
      ),
    ).toEqual(['6113728']);
    // wrapped in a { headers, body } envelope; +01:00 offset
    expect(
      githubPush(read('gitmetrix-github-push-with-headers.json'))?.commits[0]
        .authoredAt,
    ).toBe('2022-11-21T10:19:50.000Z');
    // a tag deletion carries no changes
    expect(githubPush(read('github-push-tag-deleted.json'))).toBeUndefined();
    // 2 of 4 commits listed; the first is a merge
    const gitlab = gitlabPush(read('gitlab-push.json'));
    expect(gitlab).toMatchObject({
      repository: 'mike/diaspora',
      truncated: true,
    });
    expect(gitlab?.commits.map(c => c.isMerge)).toEqual([true, false]);
    expect(
      gitlabPush(read('gitlab-push-triggers-example.json'))?.commits,
    ).toHaveLength(1);
  });
});
