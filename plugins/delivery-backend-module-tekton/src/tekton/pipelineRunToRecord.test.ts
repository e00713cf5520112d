import fs from 'fs';
import path from 'path';
import { TektonPipelineRun, TektonTaskRun } from './objects';
import { pipelineRunToRecord } from './pipelineRunToRecord';

function fixture<T>(name: string): T {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8'),
  );
}

const cluster = 'test-cluster';

describe('pipelineRunToRecord with a v1 Pipelines-as-Code deployment run', () => {
  const run = fixture<TektonPipelineRun>('v1-pipelinerun-deploy-pac.json');
  const taskRuns = fixture<TektonTaskRun[]>('v1-taskruns-deploy-pac.json');

  it('maps the run, joining its children through childReferences', () => {
    // Derived by reading the fixture: condition False/Failed; 10:00:00 -> 10:07:30 is 450 s;
    // five childReferences, all supplied; deploy has one retriesStatus entry; notify is the
    // only name in status.pipelineSpec.finally; no run results, so the image comes from the
    // build-image task (URL with its trailing newline trimmed).
    const record = pipelineRunToRecord(run, { cluster, taskRuns });
    expect(record).toEqual({
      uid: 'f3a1c2d4-5b6e-4f70-8a91-000000000001',
      provider: 'tekton',
      cluster,
      namespace: 'payments',
      name: 'payments-api-on-push-x7k2p',
      pipelineName: 'build-and-deploy',
      status: 'failed',
      reason: 'Failed',
      message: 'Tasks Completed: 5 (Failed: 1, Cancelled 0), Skipped: 0',
      createdAt: '2025-03-10T09:59:50.000Z',
      startedAt: '2025-03-10T10:00:00.000Z',
      completedAt: '2025-03-10T10:07:30.000Z',
      durationSeconds: 450,
      git: {
        repository: 'https://github.com/example/payments-api',
        revision: '9f0c1e2d3b4a59687766554433221100ffeeddcc',
        branch: 'main',
        eventType: 'push',
      },
      environment: 'production',
      params: [
        {
          name: 'git-url',
          value: 'https://github.com/example/payments-api.git',
        },
        { name: 'revision', value: 'main' },
        { name: 'image-tags', value: ['1.4.2', 'latest'] },
      ],
      image: {
        url: 'registry.example.com/payments/payments-api:1.4.2',
        digest:
          'sha256:1111111111111111111111111111111111111111111111111111111111111111',
      },
      signed: true,
      kubernetesId: 'payments-api',
      labels: run.metadata!.labels,
      tasks: expect.any(Array),
    });
    expect(
      record.tasks.map(t => [
        t.pipelineTaskName,
        t.status,
        t.retries,
        t.isFinally,
        t.kind,
      ]),
    ).toEqual([
      ['fetch-source', 'succeeded', 0, false, undefined],
      ['build-image', 'succeeded', 0, false, undefined],
      ['approve-production', 'succeeded', 0, false, 'CustomRun'],
      ['deploy', 'failed', 1, false, undefined],
      ['notify', 'succeeded', 0, true, undefined],
    ]);
    expect(record.tasks[3]).toMatchObject({
      name: 'payments-api-on-push-x7k2p-deploy',
      reason: 'Failed',
      message: '"step-apply" exited with code 1',
      podName: 'payments-api-on-push-x7k2p-deploy-pod-retry1',
      steps: [
        {
          name: 'apply',
          container: 'step-apply',
          status: 'failed',
          exitCode: 1,
        },
      ],
    });
    expect(record.tasks[2].reason).toBe('Approved');
  });

  it('turns a referenced child that has not arrived yet into a pending task', () => {
    const record = pipelineRunToRecord(run, {
      cluster,
      taskRuns: taskRuns.filter(
        tr => tr.metadata?.name?.endsWith('-notify') !== true,
      ),
    });
    expect(record.tasks[4]).toEqual({
      name: 'payments-api-on-push-x7k2p-notify',
      pipelineTaskName: 'notify',
      status: 'pending',
      retries: 0,
      isFinally: true,
    });
  });

  it('ignores same-named TaskRuns from another namespace', () => {
    const elsewhere = taskRuns.map(tr => ({
      ...tr,
      metadata: { ...tr.metadata, namespace: 'other' },
    }));
    const record = pipelineRunToRecord(run, { cluster, taskRuns: elsewhere });
    expect(record.tasks.map(t => t.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('appends children that claim the run but are not listed yet', () => {
    const late: TektonTaskRun = {
      kind: 'TaskRun',
      metadata: {
        name: 'payments-api-on-push-x7k2p-smoke-test',
        namespace: 'payments',
        labels: {
          'tekton.dev/pipelineRun': 'payments-api-on-push-x7k2p',
          'tekton.dev/pipelineTask': 'smoke-test',
        },
      },
      status: { startTime: '2025-03-10T10:07:00Z' },
    };
    const stranger: TektonTaskRun = {
      metadata: {
        name: 'other-run-build',
        namespace: 'payments',
        labels: { 'tekton.dev/pipelineRun': 'other-run' },
      },
    };
    const record = pipelineRunToRecord(run, {
      cluster,
      taskRuns: [...taskRuns, late, stranger],
    });
    expect(record.tasks.map(t => t.pipelineTaskName)).toEqual([
      'fetch-source',
      'build-image',
      'approve-production',
      'deploy',
      'notify',
      'smoke-test',
    ]);
    expect(record.tasks[5].status).toBe('running');
  });
});

describe('pipelineRunToRecord with a v1beta1 run with embedded child maps', () => {
  const run = fixture<TektonPipelineRun>(
    'v1beta1-pipelinerun-embedded-pr.json',
  );

  it('maps the run from its taskRuns and runs maps', () => {
    // Derived by reading the fixture: condition True/Succeeded; 12:00:00 -> 12:03:05 is
    // 185 s; four embedded children ordered by start time (clone 12:00:01, build 12:00:31,
    // the approve Run 12:02:11, the finally task report 12:02:50); the image comes from
    // pipelineResults; the pipeline label is the run's own name, so the PaC template name
    // is the pipeline name; no environment label, so the `environment` param is used.
    const record = pipelineRunToRecord(run, { cluster, taskRuns: [] });
    expect(record).toMatchObject({
      uid: '0c9d8e7f-6a5b-4c3d-9e2f-000000000042',
      namespace: 'web',
      name: 'web-frontend-pr-42-b9m4q',
      pipelineName: 'web-frontend-pull-request',
      status: 'succeeded',
      reason: 'Succeeded',
      createdAt: '2025-04-01T11:59:58.000Z',
      durationSeconds: 185,
      git: {
        repository: 'https://gitlab.example.com/web/frontend',
        revision: 'abc123def4567890abc123def4567890abc123de',
        branch: 'main',
        pullRequest: '42',
        eventType: 'pull_request',
      },
      environment: 'preview',
      rerunOf: '0c9d8e7f-6a5b-4c3d-9e2f-000000000041',
      image: {
        url: 'registry.example.com/web/frontend:pr-42',
        digest:
          'sha256:2222222222222222222222222222222222222222222222222222222222222222',
      },
      signed: true,
      kubernetesId: 'web-frontend',
    });
    expect(record.results).toEqual([
      { name: 'IMAGE_URL', value: 'registry.example.com/web/frontend:pr-42' },
      {
        name: 'IMAGE_DIGEST',
        value:
          'sha256:2222222222222222222222222222222222222222222222222222222222222222',
      },
      {
        name: 'frontend-ARTIFACT_OUTPUTS',
        value: {
          uri: 'registry.example.com/web/frontend',
          digest:
            'sha256:2222222222222222222222222222222222222222222222222222222222222222',
        },
      },
    ]);
    expect(
      record.tasks.map(t => [
        t.name,
        t.pipelineTaskName,
        t.status,
        t.isFinally,
        t.kind,
      ]),
    ).toEqual([
      [
        'web-frontend-pr-42-b9m4q-clone-x2v9k',
        'clone',
        'succeeded',
        false,
        undefined,
      ],
      [
        'web-frontend-pr-42-b9m4q-build-h5n7r',
        'build',
        'succeeded',
        false,
        undefined,
      ],
      [
        'web-frontend-pr-42-b9m4q-approve-t6c2d',
        'approve',
        'succeeded',
        false,
        'Run',
      ],
      [
        'web-frontend-pr-42-b9m4q-report-q8w4z',
        'report',
        'succeeded',
        true,
        undefined,
      ],
    ]);
    expect(record.tasks[1].results).toContainEqual({
      name: 'TAGS',
      value: ['pr-42', 'sha-abc123d'],
    });
  });

  it('prefers a supplied child object over its embedded copy', () => {
    const fresher: TektonTaskRun = {
      metadata: { name: 'web-frontend-pr-42-b9m4q-clone-x2v9k' },
      status: {
        podName: 'fresher-pod',
        startTime: '2025-04-01T12:00:01Z',
        conditions: [{ type: 'Succeeded', status: 'True' }],
      },
    };
    const record = pipelineRunToRecord(run, { cluster, taskRuns: [fresher] });
    expect(record.tasks[0]).toMatchObject({
      pipelineTaskName: 'clone',
      podName: 'fresher-pod',
    });
  });
});

describe('pipelineRunToRecord edge cases', () => {
  it('falls back for uid, name, pipeline name and creation time', () => {
    const record = pipelineRunToRecord(
      {
        metadata: { name: 'nightly-q8w4z', namespace: 'ci' },
        spec: { status: 'PipelineRunPending' },
      },
      { cluster, taskRuns: [], observedAt: '2025-05-05T05:05:05Z' },
    );
    expect(record).toMatchObject({
      uid: 'test-cluster/ci/nightly-q8w4z',
      pipelineName: 'nightly',
      status: 'pending',
      createdAt: '2025-05-05T05:05:05.000Z',
      signed: false,
      git: {},
      tasks: [],
    });
    expect(record.durationSeconds).toBeUndefined();
    expect(pipelineRunToRecord({}, { cluster, taskRuns: [] }).createdAt).toBe(
      '1970-01-01T00:00:00.000Z',
    );
  });

  it('names a Slipway rerun after the original pipeline', () => {
    // generateName `<pipeline>-rerun-` with the rerun label; without the label the suffix is kept.
    const rerun = (labels: Record<string, string>) =>
      pipelineRunToRecord(
        {
          metadata: {
            name: 'release-rerun-x7k2p',
            generateName: 'release-rerun-',
            labels,
          },
        },
        { cluster, taskRuns: [] },
      ).pipelineName;
    expect(rerun({ 'slipway.dev/rerun-of': 'uid-1' })).toBe('release');
    expect(rerun({})).toBe('release-rerun');
  });

  it('keeps a user-chosen name that only looks generated by accident', () => {
    expect(
      pipelineRunToRecord(
        { metadata: { name: 'deploy-aeiou' } },
        {
          cluster,
          taskRuns: [],
        },
      ).pipelineName,
    ).toBe('deploy-aeiou');
  });

  it('lets an environment label win over the environment param', () => {
    const record = pipelineRunToRecord(
      {
        metadata: { labels: { 'slipway.dev/environment': 'staging' } },
        spec: { params: [{ name: 'Environment', value: 'production' }] },
      },
      { cluster, taskRuns: [] },
    );
    expect(record.environment).toBe('staging');
  });

  it('marks finally tasks named by the caller', () => {
    const record = pipelineRunToRecord(
      {
        metadata: { name: 'r' },
        status: {
          childReferences: [
            { kind: 'TaskRun', name: 'r-a', pipelineTaskName: 'a' },
            { kind: 'TaskRun', name: 'r-z', pipelineTaskName: 'z' },
          ],
        },
      },
      { cluster, taskRuns: [], finallyTaskNames: ['z'] },
    );
    expect(record.tasks.map(t => t.isFinally)).toEqual([false, true]);
  });

  it('rejects objects that are not PipelineRuns', () => {
    expect(() =>
      pipelineRunToRecord({ kind: 'TaskRun' }, { cluster, taskRuns: [] }),
    ).toThrow(TypeError);
    expect(() =>
      pipelineRunToRecord(null as unknown as TektonPipelineRun, {
        cluster,
        taskRuns: [],
      }),
    ).toThrow(TypeError);
  });
});

describe('pipelineRunToRecord with deploy tasks', () => {
  const child = (name: string, labels: Record<string, string>) => ({
    kind: 'TaskRun',
    metadata: {
      name: `rel-${name}`,
      namespace: 'ci',
      labels: { 'tekton.dev/pipelineTask': name, ...labels },
    },
    status: {
      conditions: [{ type: 'Succeeded', status: 'True', reason: 'Succeeded' }],
    },
  });
  const run = (labels: Record<string, string>): TektonPipelineRun => ({
    metadata: { name: 'rel', namespace: 'ci', uid: 'u-rel', labels },
    status: {
      childReferences: ['build', 'deploy-dev', 'deploy-staging'].map(n => ({
        kind: 'TaskRun',
        name: `rel-${n}`,
        pipelineTaskName: n,
      })),
    },
  });

  it('marks TaskRuns with their own environment label as deploys to it', () => {
    const record = pipelineRunToRecord(run({}), {
      cluster,
      taskRuns: [
        child('build', {}),
        child('deploy-dev', { 'slipway.dev/environment': 'dev' }),
        child('deploy-staging', { 'slipway.dev/environment': 'staging' }),
      ],
    });
    expect(record.environment).toBeUndefined();
    expect(record.tasks.map(t => [t.pipelineTaskName, t.environment])).toEqual([
      ['build', undefined],
      ['deploy-dev', 'dev'],
      ['deploy-staging', 'staging'],
    ]);
  });

  it('does not take the label every TaskRun inherits from a labelled run for a deploy task', () => {
    const inherited = { 'slipway.dev/environment': 'staging' };
    const record = pipelineRunToRecord(run(inherited), {
      cluster,
      taskRuns: [
        child('build', inherited),
        child('deploy-dev', { 'slipway.dev/environment': 'dev' }),
        child('deploy-staging', inherited),
      ],
    });
    expect(record.environment).toBe('staging');
    expect(record.tasks.map(t => [t.pipelineTaskName, t.environment])).toEqual([
      ['build', undefined],
      ['deploy-dev', 'dev'],
      ['deploy-staging', undefined],
    ]);
  });
});
