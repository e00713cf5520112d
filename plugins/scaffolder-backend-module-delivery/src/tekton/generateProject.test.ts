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
    expect(task('deploy-dev').runAfter).toEqual(['register']);
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
      '.tekton/pipeline.yaml',
      '.tekton/triggers.yaml',
      'ci/pipelinerun.yaml',
      'deploy/dev/inferenceservice.yaml',
      'deploy/production/inferenceservice.yaml',
      'deploy/staging/inferenceservice.yaml',
    ]);
  });

  it('labels runs with the component and the environment they end in', () => {
    const run = parsed['ci/pipelinerun.yaml'][0];
    expect(run.metadata.generateName).toBe('fraud-model-');
    expect(run.metadata.labels).toMatchObject({
      'backstage.io/kubernetes-id': 'fraud-model',
      'slipway.dev/environment': 'production',
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
      'deploy-dev',
      'approve-production',
      'deploy-production',
    ]);
    expect(task('deploy-dev').runAfter).toEqual(['build-image']);
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
