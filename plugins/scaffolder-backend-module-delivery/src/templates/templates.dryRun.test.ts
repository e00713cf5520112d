import {
  componentEntityV1alpha1Validator,
  entitySchemaValidator,
} from '@backstage/catalog-model';
import yaml from 'yaml';
import { ML_FILES, parseDocuments } from '../__testUtils__/projects';
import { PipelineSpecLike, validatePipeline } from '../tekton/validatePipeline';
import { validateTriggers } from '../tekton/validateTriggers';
import { dryRunTemplate } from '../__testUtils__/dryRunTemplate';

jest.setTimeout(60_000);

/** Parses catalog-info.yaml and checks it as the catalog would (throws naming the problem). */
async function catalogEntity(text: string) {
  const entity = entitySchemaValidator()(yaml.parse(text));
  expect(await componentEntityV1alpha1Validator.check(entity)).toBe(true);
  return entity as any;
}

const COMMON = {
  owner: 'group:default/ml-team',
  imageRepository: 'registry.example.com/ml/churn-model',
  repoUrl: 'github.com?owner=example&repo=churn-model',
  // the form sends the Secret field masked; the value travels in `secrets`
  webhookSecret: '******',
};

describe('the ml-project template, dry run through the scaffolder API', () => {
  let run: Awaited<ReturnType<typeof dryRunTemplate>>;
  beforeAll(async () => {
    run = await dryRunTemplate(
      'ml-project',
      {
        ...COMMON,
        name: 'churn-model',
        description: 'Predicts churn',
        threshold: 0.85,
      },
      { webhookSecret: 'not-a-real-secret' },
    );
  });

  it('writes the skeleton, the pipeline, the triggers and the deploy manifests', () => {
    expect([...run.files.keys()].sort()).toEqual(
      expect.arrayContaining([
        ...ML_FILES,
        'catalog-info.yaml',
        'Dockerfile',
        'training/train.py',
        'training/validate.py',
        'training/register.py',
        'serving/server.py',
        'tests/test_training.py',
      ]),
    );
  });

  it('generates a valid pipeline with the form’s promotion threshold', () => {
    const [pipeline] = parseDocuments(run.files.get('.tekton/pipeline.yaml')!);
    expect(
      validatePipeline(pipeline.spec as unknown as PipelineSpecLike),
    ).toEqual([]);
    const tasks = pipeline.spec.tasks as any[];
    const validate = tasks.find(t => t.name === 'validate');
    expect(validate.taskSpec.steps[1].env).toContainEqual({
      name: 'THRESHOLD',
      value: '0.85',
    });
    expect(tasks.map(t => t.name)).toContain('approve-production');
    // the form's MLflow server (none: the model store) and production canary share
    expect(pipeline.spec.params).toContainEqual(
      expect.objectContaining({ name: 'mlflow-tracking-uri', default: '' }),
    );
    const production = tasks.find(t => t.name === 'deploy-production');
    expect(production.taskSpec.metadata.labels).toEqual({
      'slipway.dev/environment': 'production',
    });
    expect(production.taskSpec.steps[0].env).toContainEqual({
      name: 'CANARY_PERCENT',
      value: '10',
    });
    const triggers = parseDocuments(run.files.get('.tekton/triggers.yaml')!);
    expect(validateTriggers(triggers, pipeline.metadata.name!)).toEqual([]);
    const [runTemplate] = parseDocuments(run.files.get('ci/pipelinerun.yaml')!);
    expect(runTemplate.spec.params).toContainEqual({
      name: 'git-url',
      value: 'https://github.com/example/churn-model.git',
    });
  });

  it('renders a valid catalog-info.yaml with the Slipway annotations and the production metric gate', async () => {
    const entity = await catalogEntity(run.files.get('catalog-info.yaml')!);
    expect(entity.metadata).toMatchObject({
      name: 'churn-model',
      description: 'Predicts churn',
      annotations: {
        'backstage.io/kubernetes-id': 'churn-model',
        'tekton.dev/cicd': 'true',
        'slipway.dev/environments': 'dev, staging, production',
        'github.com/project-slug': 'example/churn-model',
      },
    });
    // the deploy pipeline Slipway starts for promotions and rollbacks
    expect(entity.metadata.annotations).toMatchObject({
      'slipway.dev/deploy-pipeline': 'churn-model-deploy',
      'slipway.dev/deploy-pipeline-namespace': 'churn-model-ci',
      'slipway.dev/deploy-pipeline-params':
        'environment,revision,version,image',
      'slipway.dev/deploy-service-account': 'churn-model-pipeline',
    });
    const [deployPipeline] = parseDocuments(
      run.files.get('.tekton/deploy-pipeline.yaml')!,
    );
    expect(deployPipeline.metadata).toMatchObject({
      name: 'churn-model-deploy',
      namespace: 'churn-model-ci',
    });
    expect(
      validatePipeline(deployPipeline.spec as unknown as PipelineSpecLike),
    ).toEqual([]);
    expect(entity.spec.owner).toBe('group:default/ml-team');
    expect(entity.spec.approvalPolicy).toEqual({
      production: { gates: { metrics: ['accuracy >= 0.85'] } },
    });
    expect(run.files.get('Dockerfile')).toContain(
      'FROM docker.io/library/python:3.12-slim',
    );
  });

  it('outputs the pipeline and EventListener names', () => {
    const text = JSON.stringify(run.output);
    expect(text).toContain('churn-model-delivery');
    expect(text).toContain('churn-model-listener');
  });

  it('skips publish:github and catalog:register (no dry-run support) and runs the rest in dry-run mode', () => {
    const messages = run.log.map(l => l.body.message);
    expect(messages).toContain(
      'Skipping because publish:github does not support dry-run',
    );
    expect(messages).toContain(
      'Skipping because catalog:register does not support dry-run',
    );
    expect(
      messages.some(m => m.includes('Running github:webhook in dry-run mode')),
    ).toBe(true);
    expect(messages).not.toContain(
      'Skipping because github:webhook does not support dry-run',
    );
    expect(messages.join('\n')).not.toContain('not-a-real-secret');
  });

  it('plans the environments and the apply against the cluster without creating anything', () => {
    const messages = run.log.map(l => l.body.message);
    for (const planned of [
      'Dry run: would apply Namespace churn-model-ci',
      'Dry run: would apply Secret churn-model-ci/churn-model-webhook',
      'Dry run: would apply Namespace churn-model-production',
      'Dry run: would apply Pipeline churn-model-ci/churn-model-delivery',
      'Dry run: would apply Pipeline churn-model-ci/churn-model-deploy',
      'Dry run: would apply EventListener churn-model-ci/churn-model-listener',
    ]) {
      expect(messages.some(m => m.includes(planned))).toBe(true);
    }
    expect(
      messages.some(m =>
        m.includes('Running delivery:tekton:apply in dry-run mode'),
      ),
    ).toBe(true);
    expect(run.namespacesAfter).toEqual([]);
    expect(JSON.stringify(run.output)).toContain(
      'http://el-churn-model-listener.churn-model-ci.svc.cluster.local:8080',
    );
  });
});

describe('the service template, dry run through the scaffolder API', () => {
  it('writes a valid pipeline, triggers and a Deployment per environment', async () => {
    const run = await dryRunTemplate(
      'service',
      {
        ...COMMON,
        name: 'orders-api',
        description: 'Takes orders',
        environments: [
          { name: 'dev', tier: 'development' },
          { name: 'prod', tier: 'production' },
        ],
      },
      { webhookSecret: 'not-a-real-secret' },
    );
    const [pipeline] = parseDocuments(run.files.get('.tekton/pipeline.yaml')!);
    expect(
      validatePipeline(pipeline.spec as unknown as PipelineSpecLike),
    ).toEqual([]);
    expect((pipeline.spec.tasks as any[]).map(t => t.name)).toEqual([
      'clone',
      'test',
      'scan-trivy',
      'upload-trivy',
      'scan-gitleaks',
      'upload-gitleaks',
      'scan-pip-audit',
      'upload-pip-audit',
      'build-image',
      'scan-trivy-image',
      'upload-trivy-image',
      'deploy-dev',
      'approve-prod',
      'deploy-prod',
    ]);
    const triggers = parseDocuments(run.files.get('.tekton/triggers.yaml')!);
    expect(validateTriggers(triggers, 'orders-api-delivery')).toEqual([]);
    expect(
      parseDocuments(run.files.get('deploy/prod/deployment.yaml')!)[0],
    ).toMatchObject({
      kind: 'Deployment',
      metadata: { namespace: 'orders-api-prod' },
    });
    const entity = await catalogEntity(run.files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations['slipway.dev/environments']).toBe(
      'dev, prod',
    );
    expect(entity.metadata.annotations['slipway.dev/deploy-pipeline']).toBe(
      'orders-api-deploy',
    );
    expect(run.files.get('app/main.py')).toContain('/healthz');
  });
});

describe('the templates refuse namespaces outside what Slipway may own (review C1)', () => {
  it.each(['ml-project', 'service'])(
    '%s: an environments[].namespace override is refused by the form schema',
    async template => {
      await expect(
        dryRunTemplate(
          template,
          {
            ...COMMON,
            name: 'churn-model',
            description: 'x',
            environments: [
              { name: 'x', tier: 'production', namespace: 'kube-system' },
            ],
          },
          { webhookSecret: 'not-a-real-secret' },
        ),
      ).rejects.toThrow(
        'dry run answered 400: {"errors":[{"path":["environments",0],"property":"instance.environments[0]","message":"is not allowed to have the additional property \\"namespace\\""',
      );
    },
  );

  it('a name that derives a reserved namespace (kube → kube-ci) is refused by the action', async () => {
    await expect(
      dryRunTemplate(
        'service',
        {
          ...COMMON,
          name: 'kube',
          description: 'x',
          environments: [{ name: 'system', tier: 'production' }],
        },
        { webhookSecret: 'not-a-real-secret' },
      ),
    ).rejects.toThrow(
      'dry run answered 403: {"error":{"name":"NotAllowedError","message":"CI namespace \'kube-ci\' is reserved',
    );
  });
});
