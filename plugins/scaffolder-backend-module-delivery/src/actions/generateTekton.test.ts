import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { ML_FILES, ML_INPUT, parseDocuments } from '../__testUtils__/projects';
import { createGenerateTektonAction } from './generateTekton';

const config = new ConfigReader({
  backend: { baseUrl: 'https://backstage.example.com' },
});

describe('delivery:tekton:generate', () => {
  const action = createGenerateTektonAction({ config });
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  function context(input: Record<string, unknown>) {
    return createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
  }

  function read(file: string) {
    return parseDocuments(
      fs.readFileSync(path.join(workspace.path, file), 'utf8'),
    );
  }

  it('writes the pipeline, triggers, manual run and deploy manifests and outputs their names', async () => {
    const ctx = context({ ...ML_INPUT });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', ML_FILES);
    expect(ctx.output).toHaveBeenCalledWith(
      'pipelineName',
      'fraud-model-delivery',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'eventListenerName',
      'fraud-model-listener',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'deployPipelineName',
      'fraud-model-deploy',
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogAnnotations', {
      'slipway.dev/deploy-pipeline': 'fraud-model-deploy',
      'slipway.dev/deploy-pipeline-namespace': 'fraud-model-ci',
      'slipway.dev/deploy-pipeline-params':
        'environment,revision,version,image',
      'slipway.dev/deploy-service-account': 'fraud-model-pipeline',
    });
    for (const file of ML_FILES) {
      expect(fs.existsSync(path.join(workspace.path, file))).toBe(true);
    }
    const [pipeline] = read('.tekton/pipeline.yaml');
    expect(pipeline.kind).toBe('Pipeline');
    expect(pipeline.spec.params).toContainEqual({
      name: 'slipway-url',
      type: 'string',
      default: 'https://backstage.example.com',
    });
    expect(read('.tekton/triggers.yaml').map(o => o.kind)).toEqual([
      'TriggerBinding',
      'TriggerTemplate',
      'EventListener',
    ]);
    const [deploy] = read('.tekton/deploy-pipeline.yaml');
    expect(deploy).toMatchObject({
      kind: 'Pipeline',
      metadata: { name: 'fraud-model-deploy', namespace: 'fraud-model-ci' },
    });
  });

  it('takes the MLflow tracking URI and the canary share from the input', async () => {
    const ctx = context({
      ...ML_INPUT,
      mlflowTrackingUri: 'http://mlflow.mlflow.svc:5000',
      canaryTrafficPercent: 25,
    });
    await action.handler(ctx);
    const [pipeline] = read('.tekton/pipeline.yaml');
    expect(pipeline.spec.params).toContainEqual(
      expect.objectContaining({
        name: 'mlflow-tracking-uri',
        default: 'http://mlflow.mlflow.svc:5000',
      }),
    );
    const production = (pipeline.spec.tasks as any[]).find(
      t => t.name === 'deploy-production',
    );
    expect(production.taskSpec.steps[0].env).toContainEqual({
      name: 'CANARY_PERCENT',
      value: '25',
    });
  });

  it('writes the same files in a dry run (the workspace is the only thing it touches)', async () => {
    const ctx = context({ ...ML_INPUT, targetPath: 'app' });
    await action.handler({ ...ctx, isDryRun: true });
    const expected = ML_FILES.map(f => `app/${f}`);
    expect(ctx.output).toHaveBeenCalledWith('files', expected);
    for (const file of expected) {
      expect(fs.existsSync(path.join(workspace.path, file))).toBe(true);
    }
  });

  it('takes the Slipway URL and names from the input over the defaults', async () => {
    const ctx = context({
      ...ML_INPUT,
      slipwayUrl: 'https://portal.internal',
      webhookSecretName: 'hooks',
      webhookSecretKey: 'token',
      slipwayTasksNamespace: 'slipway',
    });
    await action.handler(ctx);
    const [pipeline] = read('.tekton/pipeline.yaml');
    expect(pipeline.spec.params).toContainEqual({
      name: 'slipway-url',
      type: 'string',
      default: 'https://portal.internal',
    });
    const gate = (pipeline.spec.tasks as any[]).find(
      t => t.name === 'approve-production',
    );
    expect(gate.taskRef).toEqual({
      resolver: 'cluster',
      params: [
        { name: 'kind', value: 'task' },
        { name: 'name', value: 'slipway-approval-gate' },
        { name: 'namespace', value: 'slipway' },
      ],
    });
    const listener = read('.tekton/triggers.yaml')[2];
    expect(
      (listener.spec.triggers as any[])[0].interceptors[0].params[0].value,
    ).toEqual({ secretName: 'hooks', secretKey: 'token' });
  });

  it('refuses input the checks reject, writing nothing', async () => {
    await expect(
      action.handler(
        context({
          ...ML_INPUT,
          environments: [
            { name: 'dev', tier: 'development' },
            { name: 'dev', tier: 'production' },
          ],
        }),
      ),
    ).rejects.toThrow('environment "dev" is listed twice');
    await expect(
      action.handler(
        context({ ...ML_INPUT, promotionMetric: 'accuracy is high' }),
      ),
    ).rejects.toThrow("promotionMetric must look like 'accuracy >= 0.8'");
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it('needs a Slipway URL when the backend has no base URL', async () => {
    const bare = createGenerateTektonAction({ config: new ConfigReader({}) });
    await expect(bare.handler(context({ ...ML_INPUT }))).rejects.toThrow(
      'slipwayUrl is required',
    );
  });

  it('declares a described input schema with the project kinds and providers', () => {
    const input = action.schema?.input as {
      required: string[];
      properties: Record<string, { description?: string; enum?: string[] }>;
    };
    expect(input.required.sort()).toEqual(
      ['gitUrl', 'imageRepository', 'kind', 'name'].sort(),
    );
    expect(input.properties.kind.enum).toEqual(['service', 'ml']);
    expect(input.properties.gitProvider.enum).toEqual(['github', 'gitlab']);
    for (const [key, property] of Object.entries(input.properties)) {
      expect([key, property.description]).toEqual([key, expect.any(String)]);
    }
    expect(action.supportsDryRun).toBe(true);
  });
});
