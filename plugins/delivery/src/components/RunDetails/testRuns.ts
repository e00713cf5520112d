import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';

/** A task for tests: succeeded, no retries, not finally, unless overridden. */
export function testTask(
  name: string,
  overrides: Partial<TaskRun> = {},
): TaskRun {
  return {
    name: `payments-api-ci-x7k2p-${name}`,
    pipelineTaskName: name,
    status: 'succeeded',
    retries: 0,
    isFinally: false,
    podName: `payments-api-ci-x7k2p-${name}-pod`,
    ...overrides,
  };
}

/** A failed pipeline run with five tasks (one failed after two retries, one finally, one never started). */
export function testRun(
  overrides: Partial<PipelineRunWithTasks> = {},
): PipelineRunWithTasks {
  return {
    uid: 'run-uid-1',
    provider: 'tekton',
    name: 'payments-api-ci-x7k2p',
    pipelineName: 'payments-api-ci',
    entityRef: 'component:default/payments-api',
    status: 'failed',
    reason: 'Failed',
    environment: 'staging',
    createdAt: '2026-11-20T10:00:00.000Z',
    startedAt: '2026-11-20T10:00:05.000Z',
    completedAt: '2026-11-20T10:02:15.000Z',
    durationSeconds: 130,
    queueSeconds: 5,
    rerunOf: 'run-uid-0',
    message: 'Tasks Completed: 4 (Failed: 1, Cancelled 0), Skipped: 1',
    git: {
      repository: 'https://github.com/acme/payments-api.git',
      revision: '0123456789abcdef0123456789abcdef01234567',
      branch: 'feature/refunds',
      pullRequest: '42',
      eventType: 'pull_request',
    },
    params: [
      { name: 'git-url', value: 'https://github.com/acme/payments-api.git' },
      { name: 'platforms', value: ['linux/amd64', 'linux/arm64'] },
      { name: 'labels', value: { team: 'payments', tier: 'critical' } },
    ],
    results: [
      { name: 'accuracy', value: '0.93\n' },
      { name: 'metrics', value: '{"f1":0.88,"recall":0.91}' },
    ],
    image: {
      url: 'registry.example.com/acme/payments-api:0123456',
      digest: 'sha256:4f2c8e0b9a1d',
    },
    signed: true,
    tasks: [
      testTask('fetch-source', {
        startedAt: '2026-11-20T10:00:05.000Z',
        completedAt: '2026-11-20T10:00:35.000Z',
        steps: [
          {
            name: 'clone',
            container: 'step-clone',
            status: 'succeeded',
            exitCode: 0,
          },
        ],
      }),
      testTask('unit-tests', {
        status: 'failed',
        reason: 'Failed',
        retries: 2,
        startedAt: '2026-11-20T10:00:35.000Z',
        completedAt: '2026-11-20T10:01:35.000Z',
        steps: [
          {
            name: 'install',
            container: 'step-install',
            status: 'succeeded',
            exitCode: 0,
          },
          {
            name: 'test',
            container: 'step-test',
            status: 'failed',
            exitCode: 1,
          },
        ],
      }),
      testTask('build-image', {
        startedAt: '2026-11-20T10:00:35.000Z',
        completedAt: '2026-11-20T10:02:05.000Z',
        retries: 1,
      }),
      testTask('deploy', { status: 'pending', podName: undefined }),
      testTask('notify', {
        isFinally: true,
        startedAt: '2026-11-20T10:02:05.000Z',
        completedAt: '2026-11-20T10:02:15.000Z',
      }),
    ],
    ...overrides,
  };
}
