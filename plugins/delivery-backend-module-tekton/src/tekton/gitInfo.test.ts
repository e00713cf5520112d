import { gitInfoOf } from './gitInfo';

describe('gitInfoOf', () => {
  it('prefers Pipelines-as-Code annotations over their sanitised labels', () => {
    expect(
      gitInfoOf({
        metadata: {
          annotations: {
            'pipelinesascode.tekton.dev/repo-url':
              'https://github.com/example/app',
            'pipelinesascode.tekton.dev/sha': 'ANNOTATION-SHA',
            'pipelinesascode.tekton.dev/branch': 'refs/heads/release/1.x',
            'pipelinesascode.tekton.dev/event-type': 'pull_request',
            'pipelinesascode.tekton.dev/pull-request': '7',
          },
          labels: {
            'pipelinesascode.tekton.dev/sha': 'label-sha',
            'pipelinesascode.tekton.dev/event-type': 'push',
          },
        },
        spec: { params: [{ name: 'revision', value: 'param-rev' }] },
      }),
    ).toEqual({
      repository: 'https://github.com/example/app',
      revision: 'ANNOTATION-SHA',
      branch: 'release/1.x',
      eventType: 'pull_request',
      pullRequest: '7',
    });
  });

  it('uses Pipelines-as-Code labels when annotations are missing', () => {
    expect(
      gitInfoOf({
        metadata: {
          labels: {
            'pipelinesascode.tekton.dev/sha': 'label-sha',
            'pipelinesascode.tekton.dev/url-org': 'example',
            'pipelinesascode.tekton.dev/url-repository': 'app',
            'pipelinesascode.tekton.dev/pull-request': '9',
          },
        },
      }),
    ).toEqual({
      repository: 'example/app',
      revision: 'label-sha',
      pullRequest: '9',
    });
  });

  it('reads Lighthouse labels and maps its job types', () => {
    expect(
      gitInfoOf({
        metadata: {
          labels: {
            'lighthouse.jenkins-x.io/baseSHA': 'base',
            'lighthouse.jenkins-x.io/lastCommitSHA': 'head',
            'lighthouse.jenkins-x.io/branch': 'PR-3',
            'lighthouse.jenkins-x.io/refs.org': 'org',
            'lighthouse.jenkins-x.io/refs.repo': 'repo',
            'lighthouse.jenkins-x.io/refs.pull': '3',
            'lighthouse.jenkins-x.io/type': 'presubmit',
          },
        },
      }),
    ).toEqual({
      repository: 'org/repo',
      revision: 'head',
      branch: 'PR-3',
      pullRequest: '3',
      eventType: 'pull_request',
    });
    expect(
      gitInfoOf({
        metadata: { labels: { 'lighthouse.jenkins-x.io/type': 'periodic' } },
      }),
    ).toEqual({ eventType: 'periodic' });
  });

  it('takes the event listener name as the event type of a Triggers run', () => {
    expect(
      gitInfoOf({
        metadata: {
          labels: { 'triggers.tekton.dev/eventlistener': 'github-listener' },
        },
      }),
    ).toEqual({ eventType: 'github-listener' });
  });

  it('falls back to conventional params, ignoring placeholders and empties', () => {
    expect(
      gitInfoOf({
        spec: {
          params: [
            { name: 'REPO_URL', value: 'https://git.example/a.git' },
            { name: 'revision', value: '' },
            { name: 'git-revision', value: '$(tt.params.sha)' },
            { name: 'commit', value: 'c0ffee' },
            { name: 'git_branch', value: 'refs/heads/dev' },
            { name: 'url', value: ['not', 'a', 'string'] },
          ],
        },
      }),
    ).toEqual({
      repository: 'https://git.example/a.git',
      revision: 'c0ffee',
      branch: 'dev',
    });
  });

  it('is empty when nothing is recorded', () => {
    expect(gitInfoOf({})).toEqual({});
  });
});
