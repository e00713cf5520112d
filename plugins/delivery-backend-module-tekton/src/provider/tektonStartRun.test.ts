import { ConflictError, NotFoundError } from '@backstage/errors';
import { FakeKubeApiServer, kubeResources } from '../testing';
import { providerFor, storedRun } from './__testUtils__/testProvider';

const ada = { requestedBy: 'user:default/ada' };

const pipeline = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'build', namespace: 'ci' },
  spec: {
    description: 'Builds and tests',
    params: [
      { name: 'revision', type: 'string', description: 'The commit' },
      { name: 'suite', type: 'string', default: 'unit', enum: ['unit', 'e2e'] },
      { name: 'flags', type: 'array', default: ['-v'] },
      { name: 'broken' },
      { type: 'string' },
    ],
    tasks: [],
  },
};

const oldRun = {
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: {
    name: 'build-1',
    namespace: 'ci',
    labels: {
      'backstage.io/kubernetes-id': 'payments-api',
      'tekton.dev/pipeline': 'build',
      'pipelinesascode.tekton.dev/sha': 'abc',
      'slipway.dev/rerun-of': 'uid-0',
    },
  },
  spec: {
    pipelineRef: { name: 'build' },
    params: [{ name: 'revision', value: 'abc' }],
    taskRunTemplate: { serviceAccountName: 'builder' },
    workspaces: [{ name: 'source', volumeClaimTemplate: { spec: {} } }],
    status: 'Cancelled',
  },
};

describe('Tekton: describing and starting pipelines', () => {
  let kube: FakeKubeApiServer;
  beforeEach(async () => {
    kube = await FakeKubeApiServer.start({
      resources: [kubeResources.pipelines],
    });
  });
  afterEach(async () => kube.close());

  it('reads the declared params of the Pipeline a run references', async () => {
    kube.put('pipelineruns', oldRun);
    kube.put('pipelines', pipeline);
    expect(await providerFor(kube).describePipeline(storedRun())).toEqual({
      description: 'Builds and tests',
      params: [
        { name: 'revision', type: 'string', description: 'The commit' },
        {
          name: 'suite',
          type: 'string',
          default: 'unit',
          options: ['unit', 'e2e'],
        },
        { name: 'flags', type: 'array', default: ['-v'] },
        { name: 'broken', type: 'string' },
      ],
    });
  });

  it('falls back to the spec Tekton resolved into the run, and 404s when both are gone', async () => {
    kube.put('pipelineruns', {
      ...oldRun,
      spec: { ...oldRun.spec, pipelineRef: { resolver: 'git', params: [] } },
      status: { pipelineSpec: { params: [{ name: 'url', type: 'string' }] } },
    });
    expect(await providerFor(kube).describePipeline(storedRun())).toEqual({
      params: [{ name: 'url', type: 'string' }],
    });
    kube.remove('pipelineruns', 'ci', 'build-1');
    const error = await providerFor(kube)
      .describePipeline(storedRun())
      .catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      "Neither Pipeline 'build' nor run 'build-1' is in namespace 'ci' of cluster 'local' any more: Slipway cannot read the pipeline's params",
    );
  });

  it('starts one run like the newest one, with the given params and without the trigger labels', async () => {
    kube.put('pipelineruns', oldRun);
    const started = await providerFor(kube).startRun(
      {
        entityRef: 'component:default/payments-api',
        pipelineName: 'build',
        params: [{ name: 'suite', value: 'e2e' }],
        basedOn: storedRun(),
      },
      ada,
    );
    const created = kube
      .list('pipelineruns', 'ci')
      .find(r => r.metadata.name === started.name)!;
    expect(started.uid).toBe(created.metadata.uid);
    expect(created.metadata.name).toMatch(/^build-/);
    expect(created.metadata.labels).toEqual({
      'backstage.io/kubernetes-id': 'payments-api',
    });
    expect(created.metadata.annotations).toEqual({
      'slipway.dev/requested-by': 'user:default/ada',
    });
    expect(created.spec).toEqual({
      pipelineRef: { name: 'build' },
      params: [{ name: 'suite', value: 'e2e' }],
      taskRunTemplate: { serviceAccountName: 'builder' },
      workspaces: [{ name: 'source', volumeClaimTemplate: { spec: {} } }],
    });
    expect(kube.list('pipelineruns', 'ci')).toHaveLength(2);
  });

  it('starts a deploy pipeline by name in a namespace, as its service account, with labels', async () => {
    const started = await providerFor(kube).startRun(
      {
        entityRef: 'component:default/payments-api',
        pipelineName: 'payments-api-deploy',
        params: [{ name: 'environment', value: 'staging' }],
        namespace: 'payments-ci',
        serviceAccountName: 'deployer',
        labels: { 'backstage.io/kubernetes-id': 'payments-api' },
      },
      ada,
    );
    const [created] = kube.list('pipelineruns', 'payments-ci');
    expect(created.metadata.name).toBe(started.name);
    expect(created.metadata.labels).toEqual({
      'backstage.io/kubernetes-id': 'payments-api',
    });
    expect(created.spec).toEqual({
      pipelineRef: { name: 'payments-api-deploy' },
      params: [{ name: 'environment', value: 'staging' }],
      taskRunTemplate: { serviceAccountName: 'deployer' },
    });
  });

  it('refuses to start from a run that is gone', async () => {
    const error = await providerFor(kube)
      .startRun(
        {
          entityRef: 'component:default/payments-api',
          pipelineName: 'build',
          params: [],
          basedOn: storedRun(),
        },
        ada,
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      "PipelineRun 'build-1' is gone from cluster 'local'; start the pipeline from a newer run",
    );
  });
});
