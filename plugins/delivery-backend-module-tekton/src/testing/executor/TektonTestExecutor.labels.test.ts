import { FakeKubeApiServer } from '../FakeKubeApiServer';
import {
  NS,
  conditionOf,
  pipeline,
  pipelineRun,
  runToEnd,
  startExecutor,
  task,
  taskRunOf,
} from './__testUtils__/objects';
import { TektonTestExecutor } from './TektonTestExecutor';

describe('TektonTestExecutor: labels and annotations', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  beforeEach(async () => {
    ({ server, executor } = await startExecutor());
  });

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const uploadTask = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: {
      name: 'upload',
      namespace: NS,
      labels: { 'app.kubernetes.io/version': '0.1', team: 'from-task' },
      annotations: { 'tekton.dev/displayName': 'Upload' },
    },
    spec: { steps: [{ name: 'upload', image: 'node' }] },
  };

  const delivery = pipeline(
    'payments-delivery',
    {
      tasks: [
        task('build'),
        {
          name: 'upload',
          runAfter: ['build'],
          taskRef: { kind: 'Task', name: 'upload' },
        },
        task('deploy-staging', {
          runAfter: ['upload'],
          taskSpec: {
            metadata: {
              labels: {
                'slipway.dev/environment': 'staging',
                team: 'from-task-spec',
              },
              annotations: { note: 'from-task-spec' },
            },
          },
        }),
      ],
    },
    {
      'app.kubernetes.io/name': 'payments',
      'backstage.io/kubernetes-id': 'payments',
      team: 'from-pipeline',
    },
  );

  it('copies the Pipeline labels onto the PipelineRun (its own win) and adds tekton.dev/pipeline', async () => {
    executor = new TektonTestExecutor({
      server,
      pipelines: [delivery],
      tasks: [uploadTask],
    });
    const run = await runToEnd(
      server,
      executor,
      pipelineRun(
        'payments-abcde',
        { pipelineRef: { name: 'payments-delivery' } },
        {
          labels: { team: 'from-run', trigger: 'push' },
          annotations: { 'slipway.dev/requested-by': 'user:default/ann' },
        },
      ),
    );
    expect(conditionOf(run)?.reason).toBe('Succeeded');
    expect(run.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'payments',
      'backstage.io/kubernetes-id': 'payments',
      team: 'from-run',
      trigger: 'push',
      'tekton.dev/pipeline': 'payments-delivery',
    });
  });

  it('gives TaskRuns the run labels, the tekton.dev labels, the Task labels where unset, and taskSpec.metadata.labels last', async () => {
    executor = new TektonTestExecutor({
      server,
      pipelines: [delivery],
      tasks: [uploadTask],
    });
    const run = await runToEnd(
      server,
      executor,
      pipelineRun(
        'payments-fghij',
        { pipelineRef: { name: 'payments-delivery' } },
        {
          labels: { team: 'from-run' },
          annotations: { 'slipway.dev/requested-by': 'user:default/ann' },
        },
      ),
    );
    const fromRun = {
      'app.kubernetes.io/name': 'payments',
      'backstage.io/kubernetes-id': 'payments',
      'tekton.dev/pipeline': 'payments-delivery',
      'tekton.dev/pipelineRun': 'payments-fghij',
      'tekton.dev/pipelineRunUID': run.metadata.uid,
      'tekton.dev/memberOf': 'tasks',
      'app.kubernetes.io/managed-by': 'tekton-pipelines',
    };
    const build = taskRunOf(server, 'payments-fghij', 'build')!;
    const upload = taskRunOf(server, 'payments-fghij', 'upload')!;
    const deploy = taskRunOf(server, 'payments-fghij', 'deploy-staging')!;
    expect(build.metadata.labels).toEqual({
      ...fromRun,
      team: 'from-run',
      'tekton.dev/pipelineTask': 'build',
    });
    expect(upload.metadata.labels).toEqual({
      ...fromRun,
      team: 'from-run',
      'app.kubernetes.io/version': '0.1',
      'tekton.dev/pipelineTask': 'upload',
      'tekton.dev/task': 'upload',
    });
    expect(deploy.metadata.labels).toEqual({
      ...fromRun,
      team: 'from-task-spec',
      'slipway.dev/environment': 'staging',
      'tekton.dev/pipelineTask': 'deploy-staging',
    });
    expect(upload.metadata.annotations).toEqual({
      'slipway.dev/requested-by': 'user:default/ann',
      'tekton.dev/displayName': 'Upload',
    });
    expect(deploy.metadata.annotations).toEqual({
      'slipway.dev/requested-by': 'user:default/ann',
      note: 'from-task-spec',
    });
    expect(deploy.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        name: 'payments-fghij',
        uid: run.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  it('labels a run with an embedded pipelineSpec tekton.dev/pipeline: <its own name>', async () => {
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('adhoc-run', { pipelineSpec: { tasks: [task('only')] } }),
    );
    expect(run.metadata.labels).toEqual({ 'tekton.dev/pipeline': 'adhoc-run' });
    expect(
      taskRunOf(server, 'adhoc-run', 'only')?.metadata.labels?.[
        'tekton.dev/pipeline'
      ],
    ).toBe('adhoc-run');
  });
});
