import {
  ML_INPUT,
  SERVICE_INPUT,
  ancestors,
  parseDocuments,
} from '../__testUtils__/projects';
import { generateProject, serialise } from './generateProject';
import { resolveOptions } from './options';
import { KubeObject, PipelineTask } from './types';
import { PipelineSpecLike, validatePipeline } from './validatePipeline';
import { validateTriggers } from './validateTriggers';

const DEFAULTS = { slipwayUrl: 'https://backstage.example.com' };

/** Generates a project and reads every file back from its YAML text. */
function generateAndParse(input: typeof ML_INPUT) {
  const project = generateProject(resolveOptions(input, DEFAULTS), {
    gitUrl: input.gitUrl,
  });
  const texts = Object.fromEntries(
    project.files.map(f => [f.path, serialise(f.documents)]),
  );
  const parsed: Record<string, KubeObject[]> = Object.fromEntries(
    Object.entries(texts).map(([path, text]) => [path, parseDocuments(text)]),
  );
  const pipeline = parsed['.tekton/pipeline.yaml'][0];
  const tasks = pipeline.spec.tasks as PipelineTask[];
  const task = (name: string) => tasks.find(t => t.name === name)!;
  return { project, texts, parsed, pipeline, tasks, task };
}

describe.each([
  ['ML project', ML_INPUT],
  ['service', SERVICE_INPUT],
])('generated files of the %s', (_, input) => {
  const { project, texts, parsed, pipeline } = generateAndParse(input);

  it('pass the checks when read back from YAML', () => {
    expect(project.problems).toEqual([]);
    expect(
      validatePipeline(pipeline.spec as unknown as PipelineSpecLike),
    ).toEqual([]);
    expect(
      validateTriggers(
        parsed['.tekton/triggers.yaml'],
        pipeline.metadata.name!,
      ),
    ).toEqual([]);
  });

  it.each(Object.keys(texts))('%s matches the reviewed snapshot', path => {
    expect(texts[path]).toMatchSnapshot();
  });
});

describe('the ML project', () => {
  const { parsed, tasks, task } = generateAndParse(ML_INPUT);

  it('runs clone, test, scans, build, train, validate, register, then each environment', () => {
    expect(tasks.map(t => t.name)).toEqual([
      'clone',
      'test',
      'scan-trivy',
      'upload-trivy',
      'scan-pip-audit',
      'upload-pip-audit',
      'build-image',
      'scan-trivy-image',
      'upload-trivy-image',
      'train',
      'validate',
      'register',
      'deploy-dev',
      'approve-staging',
      'deploy-staging',
      'approve-production',
      'deploy-production',
    ]);
    expect(task('build-image').runAfter).toEqual([
      'test',
      'upload-trivy',
      'upload-pip-audit',
    ]);
    expect(task('train').runAfter).toEqual(['build-image']);
    expect(task('validate').runAfter).toEqual(['train']);
    expect(task('register').runAfter).toEqual(['validate']);
    expect(task('deploy-dev').runAfter).toEqual([
      'register',
      'upload-trivy-image',
    ]);
  });

  it('gates staging and production behind the approval gate, not dev', () => {
    expect(task('deploy-production').runAfter).toEqual(['approve-production']);
    expect(task('approve-production').runAfter).toEqual(['deploy-staging']);
    expect(task('deploy-staging').runAfter).toEqual(['approve-staging']);
    expect(task('approve-production').taskRef).toEqual({
      kind: 'Task',
      name: 'slipway-approval-gate',
    });
    expect(task('approve-production').params).toContainEqual({
      name: 'environment',
      value: 'production',
    });
    expect(ancestors(tasks, 'deploy-dev').has('approve-staging')).toBe(false);
    const beforeProduction = ancestors(tasks, 'deploy-production');
    for (const name of [
      'approve-staging',
      'validate',
      'upload-trivy',
      'test',
    ]) {
      expect(beforeProduction.has(name)).toBe(true);
    }
  });

  it('uploads every scan to Slipway with the upload Task', () => {
    expect(task('upload-pip-audit')).toMatchObject({
      runAfter: ['scan-pip-audit'],
      taskRef: { kind: 'Task', name: 'slipway-upload-findings' },
      params: [
        { name: 'slipway-url', value: '$(params.slipway-url)' },
        { name: 'entity-ref', value: '$(params.entity-ref)' },
        // the run's uid, which the Task cannot read itself: the scan is linked to the run
        { name: 'pipeline-run-uid', value: '$(context.pipelineRun.uid)' },
        { name: 'report-path', value: 'reports/pip-audit.json' },
      ],
    });
    expect(parsed['.tekton/pipeline.yaml'][0].spec.params).toContainEqual({
      name: 'entity-ref',
      type: 'string',
      default: 'component:default/fraud-model',
    });
  });

  it('publishes the promotion metric as the validate result Slipway reads', () => {
    const spec = task('validate').taskSpec!;
    expect(spec.results).toEqual([{ name: 'accuracy' }]);
    expect(spec.steps[1].env).toEqual([
      { name: 'METRIC', value: 'accuracy' },
      { name: 'OPERATOR', value: '>=' },
      { name: 'THRESHOLD', value: '0.8' },
      { name: 'RESULT_PATH', value: '$(results.accuracy.path)' },
    ]);
  });

  it('listens for GitHub pushes to main, verified with the webhook secret', () => {
    const listener = parsed['.tekton/triggers.yaml'].find(
      o => o.kind === 'EventListener',
    )!;
    expect(listener.apiVersion).toBe('triggers.tekton.dev/v1beta1');
    expect(listener.metadata.name).toBe('fraud-model-listener');
    const [trigger] = listener.spec.triggers as any[];
    expect(trigger.interceptors[0]).toEqual({
      ref: { name: 'github', kind: 'ClusterInterceptor' },
      params: [
        {
          name: 'secretRef',
          value: { secretName: 'fraud-model-webhook', secretKey: 'secret' },
        },
        { name: 'eventTypes', value: ['push'] },
      ],
    });
    expect(trigger.interceptors[1].params[0].value).toBe(
      "body.ref == 'refs/heads/main'",
    );
    expect(trigger.bindings).toEqual([{ ref: 'fraud-model-push' }]);
    expect(trigger.template).toEqual({ ref: 'fraud-model-run' });
  });

  it('serves the model with a KServe InferenceService per environment', () => {
    const production = parsed['deploy/production/inferenceservice.yaml'][0];
    expect(production.apiVersion).toBe('serving.kserve.io/v1beta1');
    expect(production.kind).toBe('InferenceService');
    expect(production.metadata.namespace).toBe('fraud-model-production');
    expect(production.spec.predictor).toMatchObject({
      minReplicas: 3,
      containers: [
        {
          name: 'kserve-container',
          env: [
            { name: 'STORAGE_URI', value: 's3://models/fraud-model/latest' },
            { name: 'ENVIRONMENT', value: 'production' },
          ],
        },
      ],
    });
    expect(Object.keys(parsed).sort()).toEqual([
      '.tekton/deploy-pipeline.yaml',
      '.tekton/pipeline.yaml',
      '.tekton/triggers.yaml',
      'ci/pipelinerun.yaml',
      'deploy/dev/inferenceservice.yaml',
      'deploy/production/inferenceservice.yaml',
      'deploy/staging/inferenceservice.yaml',
    ]);
  });

  it('labels runs with the component only: each deploy TaskRun names its own environment', () => {
    const run = parsed['ci/pipelinerun.yaml'][0];
    expect(run.metadata.generateName).toBe('fraud-model-');
    expect(run.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'fraud-model',
      'app.kubernetes.io/managed-by': 'slipway',
      'backstage.io/kubernetes-id': 'fraud-model',
    });
    expect(run.spec.timeouts).toEqual({ pipeline: '50h' });
    expect(run.spec.taskRunTemplate).toEqual({
      serviceAccountName: 'fraud-model-pipeline',
      podTemplate: { securityContext: { fsGroup: 65532 } },
    });
    expect(run.spec.params).toContainEqual({
      name: 'git-url',
      value: 'https://github.com/example/fraud-model.git',
    });
  });
});

describe('the service', () => {
  const { parsed, tasks, task } = generateAndParse(SERVICE_INPUT);

  it('has no ML stages and gates only production', () => {
    expect(tasks.map(t => t.name)).toEqual([
      'clone',
      'test',
      'scan-trivy',
      'upload-trivy',
      'scan-gitleaks',
      'upload-gitleaks',
      'build-image',
      'scan-trivy-image',
      'upload-trivy-image',
      'deploy-dev',
      'approve-production',
      'deploy-production',
    ]);
    expect(task('deploy-dev').runAfter).toEqual([
      'build-image',
      'upload-trivy-image',
    ]);
    expect(task('deploy-production').runAfter).toEqual(['approve-production']);
    expect(task('test').taskSpec!.steps[0].image).toBe(
      'docker.io/library/golang:1.23',
    );
  });

  it('uses the GitLab interceptor with a secretRef and reads GitLab push payloads', () => {
    const triggers = parsed['.tekton/triggers.yaml'];
    const listener = triggers.find(o => o.kind === 'EventListener')!;
    const interceptor = (listener.spec.triggers as any[])[0].interceptors[0];
    expect(interceptor.ref).toEqual({
      name: 'gitlab',
      kind: 'ClusterInterceptor',
    });
    expect(interceptor.params).toEqual([
      {
        name: 'secretRef',
        value: { secretName: 'ledger-service-webhook', secretKey: 'secret' },
      },
      { name: 'eventTypes', value: ['Push Hook'] },
    ]);
    const binding = triggers.find(o => o.kind === 'TriggerBinding')!;
    expect(binding.spec.params).toContainEqual({
      name: 'git-url',
      value: '$(body.project.git_http_url)',
    });
  });

  it('deploys a Deployment and a Service per environment', () => {
    const dev = parsed['deploy/dev/deployment.yaml'][0];
    const production = parsed['deploy/production/deployment.yaml'][0];
    expect(dev).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ledger-service', namespace: 'ledger-service-dev' },
      spec: { replicas: 1 },
    });
    expect(production.spec.replicas).toBe(3);
    expect(parsed['deploy/production/service.yaml'][0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: 'ledger-service-production' },
    });
    expect(parsed['ci/pipelinerun.yaml'][0].spec.timeouts).toEqual({
      pipeline: '26h',
    });
  });
});

const IMAGE_BY_DIGEST =
  '$(params.image-repository)@$(tasks.build-image.results.IMAGE_DIGEST)';
const COMMIT = '$(tasks.clone.results.commit)';

describe.each([
  ['ML project', ML_INPUT, ['dev', 'staging', 'production']],
  ['service', SERVICE_INPUT, ['dev', 'production']],
])('the %s', (_, input, environments) => {
  const { project, parsed, tasks, task } = generateAndParse(input);
  const deployPipeline = parsed['.tekton/deploy-pipeline.yaml'][0];

  it('labels each deploy TaskRun with its environment, and only those', () => {
    for (const env of environments) {
      expect(task(`deploy-${env}`).taskSpec!.metadata).toEqual({
        labels: { 'slipway.dev/environment': env },
      });
    }
    expect(
      tasks
        .filter(t => t.taskSpec?.metadata?.labels)
        .map(t => [t.name, t.taskSpec!.metadata!.labels]),
    ).toEqual(
      environments.map(env => [
        `deploy-${env}`,
        { 'slipway.dev/environment': env },
      ]),
    );
  });

  it('reports the revision, version and image each environment got as deploy task results', () => {
    for (const env of environments) {
      const deploy = task(`deploy-${env}`);
      expect(deploy.params).toEqual(
        expect.arrayContaining([
          { name: 'revision', value: COMMIT },
          { name: 'version', value: COMMIT },
          { name: 'image', value: IMAGE_BY_DIGEST },
        ]),
      );
      const spec = deploy.taskSpec!;
      expect(spec.results!.map(r => r.name)).toEqual(
        expect.arrayContaining(['revision', 'version', 'image']),
      );
      // written by the last step, so only a deployment that got through has them
      const last = spec.steps[spec.steps.length - 1];
      for (const result of ['revision', 'version', 'image']) {
        expect(last.script).toContain(`> "$(results.${result}.path)"`);
      }
    }
  });

  it('scans the built image with Trivy after the build and uploads the report with the image as target', () => {
    const scan = task('scan-trivy-image');
    expect(scan.runAfter).toEqual(['build-image']);
    expect(scan.params).toEqual([{ name: 'image', value: IMAGE_BY_DIGEST }]);
    const [step] = scan.taskSpec!.steps;
    expect(step.args).toEqual([
      'image',
      '--scanners',
      'vuln',
      '--format',
      'json',
      '--output',
      'reports/trivy-image.json',
      '$(params.image)',
    ]);
    expect(task('upload-trivy-image')).toMatchObject({
      runAfter: ['scan-trivy-image'],
      taskRef: { kind: 'Task', name: 'slipway-upload-findings' },
      params: [
        { name: 'slipway-url', value: '$(params.slipway-url)' },
        { name: 'entity-ref', value: '$(params.entity-ref)' },
        { name: 'pipeline-run-uid', value: '$(context.pipelineRun.uid)' },
        { name: 'report-path', value: 'reports/trivy-image.json' },
        { name: 'tool', value: 'trivy-image' },
        { name: 'target', value: IMAGE_BY_DIGEST },
      ],
    });
    // every deployment waits for the image's security gate
    for (const env of environments) {
      expect(ancestors(tasks, `deploy-${env}`).has('upload-trivy-image')).toBe(
        true,
      );
    }
    // the source tree is still scanned, for what only it shows
    expect(task('scan-trivy').taskSpec!.steps[0].args).toEqual(
      expect.arrayContaining(['fs', 'secret,misconfig']),
    );
  });

  it('writes a deploy pipeline that deploys exactly one environment at one revision', () => {
    expect(deployPipeline.metadata.name).toBe(`${input.name}-deploy`);
    expect(project.deployPipelineName).toBe(`${input.name}-deploy`);
    const params = deployPipeline.spec.params as Array<{
      name: string;
      default?: string;
    }>;
    expect(params.slice(0, 4)).toEqual([
      expect.objectContaining({ name: 'environment' }),
      expect.objectContaining({ name: 'revision' }),
      expect.objectContaining({ name: 'version', default: '' }),
      expect.objectContaining({ name: 'image', default: '' }),
    ]);
    expect(params[0].default).toBeUndefined();
    expect(params[1].default).toBeUndefined();
    // no workspace: a run needs only the params and the ServiceAccount
    expect(deployPipeline.spec.workspaces).toBeUndefined();
    const deployTasks = deployPipeline.spec.tasks as PipelineTask[];
    expect(deployTasks.map(t => [t.name, t.when])).toEqual([
      [
        'unknown-environment',
        [
          {
            input: '$(params.environment)',
            operator: 'notin',
            values: environments,
          },
        ],
      ],
      ...environments.map(env => [
        `deploy-${env}`,
        [{ input: '$(params.environment)', operator: 'in', values: [env] }],
      ]),
    ]);
    for (const env of environments) {
      const deploy = deployTasks.find(t => t.name === `deploy-${env}`)!;
      expect(deploy.taskSpec!.metadata!.labels).toEqual({
        'slipway.dev/environment': env,
      });
      expect(deploy.params).toEqual(
        expect.arrayContaining([
          { name: 'revision', value: '$(params.revision)' },
          { name: 'version', value: '$(params.version)' },
          { name: 'image', value: '$(params.image)' },
        ]),
      );
      // it checks the revision out itself and deploys its manifests
      const [clone] = deploy.taskSpec!.steps;
      expect(clone.name).toBe('clone');
      expect(clone.env).toContainEqual({
        name: 'REVISION',
        value: '$(params.revision)',
      });
      expect(deploy.taskSpec!.steps.map(s => s.script).join('\n')).toContain(
        `cd "/checkout/deploy/${env}"`,
      );
    }
    expect(
      validatePipeline(deployPipeline.spec as unknown as PipelineSpecLike),
    ).toEqual([]);
  });

  it('names the deploy pipeline in the annotations for catalog-info.yaml', () => {
    expect(project.catalogAnnotations).toEqual({
      'slipway.dev/deploy-pipeline': `${input.name}-deploy`,
      'slipway.dev/deploy-pipeline-namespace':
        deployPipeline.metadata.namespace,
      'slipway.dev/deploy-pipeline-params':
        'environment,revision,version,image',
      'slipway.dev/deploy-service-account': `${input.name}-pipeline`,
    });
  });
});

describe('the ML project’s model', () => {
  const { pipeline, task, parsed } = generateAndParse(ML_INPUT);

  it('is registered in MLflow when MLFLOW_TRACKING_URI is set, in the file store otherwise', () => {
    const register = task('register');
    const [fileStore, mlflow] = register.taskSpec!.steps;
    expect([fileStore.name, mlflow.name]).toEqual(['file-store', 'mlflow']);
    // both read the same switch, from the pipeline's mlflow-tracking-uri param
    for (const step of [fileStore, mlflow]) {
      expect(step.env).toContainEqual({
        name: 'MLFLOW_TRACKING_URI',
        value: '$(params.mlflow-tracking-uri)',
      });
    }
    expect(register.params).toContainEqual({
      name: 'mlflow-tracking-uri',
      value: '$(params.mlflow-tracking-uri)',
    });
    expect(fileStore.script).toContain('if [ -n "$MLFLOW_TRACKING_URI" ]');
    expect(fileStore.script).toContain('python -m training.register');
    expect(mlflow.script).toContain('if [ -z "$MLFLOW_TRACKING_URI" ]');
    expect(mlflow.script).toContain('mlflow.register_model(');
    expect(mlflow.envFrom).toEqual([
      { secretRef: { name: 'mlflow-credentials', optional: true } },
    ]);
    expect(register.taskSpec!.results).toEqual([
      { name: 'model-uri' },
      { name: 'model-version' },
    ]);
    expect(pipeline.spec.params).toContainEqual({
      name: 'mlflow-tracking-uri',
      type: 'string',
      default: '',
      description:
        'MLflow tracking server the model is registered in; empty: the file store',
    });
    const withMlflow = generateAndParse({
      ...ML_INPUT,
      mlflowTrackingUri: 'http://mlflow.mlflow.svc:5000',
    });
    expect(withMlflow.pipeline.spec.params).toContainEqual(
      expect.objectContaining({
        name: 'mlflow-tracking-uri',
        default: 'http://mlflow.mlflow.svc:5000',
      }),
    );
  });

  it('publishes accuracy as a task result of validate and as a run result, both valid', () => {
    expect(task('validate').taskSpec!.results).toEqual([{ name: 'accuracy' }]);
    expect(pipeline.spec.results).toContainEqual({
      name: 'accuracy',
      description: 'The promotion metric (accuracy >= 0.8)',
      value: '$(tasks.validate.results.accuracy)',
    });
    const spec = pipeline.spec as unknown as PipelineSpecLike;
    expect(validatePipeline(spec)).toEqual([]);
    // a result the task does not declare would be caught
    expect(
      validatePipeline({
        ...spec,
        results: [
          ...(spec.results ?? []),
          { name: 'loss', value: '$(tasks.validate.results.loss)' },
        ],
      }),
    ).toEqual(['task "validate" has no result "loss"']);
  });

  it('goes to production as a KServe canary: apply at canaryTrafficPercent, check, then promote', () => {
    const production = task('deploy-production').taskSpec!;
    expect(production.steps.map(s => s.name)).toEqual([
      'apply',
      'check-canary',
      'promote',
    ]);
    const [apply, check, promote] = production.steps;
    expect(apply.env).toContainEqual({ name: 'CANARY_PERCENT', value: '10' });
    expect(apply.script).toContain(
      "yq -i '.spec.predictor.canaryTrafficPercent = env(CANARY_PERCENT)' inferenceservice.yaml",
    );
    expect(check.script).toContain('"canaryTrafficPercent":0');
    expect(promote.script).toContain(
      '{"op":"remove","path":"/spec/predictor/canaryTrafficPercent"}',
    );
    // dev and staging take the new model at once
    expect(task('deploy-dev').taskSpec!.steps.map(s => s.name)).toEqual([
      'apply',
    ]);
    expect(task('deploy-staging').taskSpec!.steps.map(s => s.name)).toEqual([
      'apply',
    ]);
  });

  it('deploys from the deploy pipeline the model registered for the revision unless one is given', () => {
    const deploy = (
      parsed['.tekton/deploy-pipeline.yaml'][0].spec.tasks as PipelineTask[]
    ).find(t => t.name === 'deploy-production')!;
    expect(deploy.taskSpec!.steps.map(s => s.name)).toEqual([
      'clone',
      'model-uri',
      'apply',
      'check-canary',
      'promote',
    ]);
    const resolve = deploy.taskSpec!.steps[1];
    expect(resolve.env).toEqual(
      expect.arrayContaining([
        { name: 'MLFLOW_TRACKING_URI', value: '$(params.mlflow-tracking-uri)' },
        {
          name: 'FILE_STORE_URI',
          value: 's3://models/fraud-model/$(params.revision)',
        },
      ]),
    );
    expect(deploy.params).toContainEqual({
      name: 'skip-canary',
      value: '$(params.skip-canary)',
    });
  });
});
