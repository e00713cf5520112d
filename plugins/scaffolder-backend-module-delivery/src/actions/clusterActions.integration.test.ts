import { createMockDirectory } from '@backstage/backend-test-utils';
import { FakeKubeApiServer } from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import {
  clusterConfig,
  recordingContext,
  startCluster,
} from '../__testUtils__/kubeCluster';
import { ML_INPUT } from '../__testUtils__/projects';
import { DEFAULT_ENVIRONMENTS } from '../tekton/options';
import { createApplyTektonAction } from './applyTekton';
import { createEnvironmentsAction } from './createEnvironments';
import { createGenerateTektonAction } from './generateTekton';

const SECRET = 'integration-webhook-secret';

/**
 * The three actions as a template runs them: environments, generate, apply
 * (the pipeline to the CI namespace, then one environment's deploy manifests).
 */
describe('delivery actions together against a cluster', () => {
  let server: FakeKubeApiServer;
  const workspace = createMockDirectory();

  beforeEach(async () => {
    server = await startCluster();
    workspace.clear();
  });

  afterEach(async () => {
    await server.close();
  });

  const runTemplate = async () => {
    const config = clusterConfig(server, {
      data: { backend: { baseUrl: 'https://backstage.example.com' } },
    });
    const environments = createEnvironmentsAction({ config });
    const generate = createGenerateTektonAction({ config });
    const apply = createApplyTektonAction({ config });
    const run = async <I extends object>(
      action: { handler: (ctx: any) => Promise<void> },
      input: I,
    ) => {
      const recorded = recordingContext(input as any, {
        workspacePath: workspace.path,
      });
      await action.handler(recorded.ctx);
      return recorded.outputs();
    };
    await run(environments, {
      name: ML_INPUT.name,
      environments: DEFAULT_ENVIRONMENTS,
      webhookSecret: SECRET,
    });
    await run(generate, ML_INPUT);
    const entityRef = 'component:default/fraud-model';
    const pipeline = await run(apply, {
      namespace: 'fraud-model-ci',
      entityRef,
    });
    const deploy = await run(apply, {
      sourcePath: 'deploy/dev',
      namespace: 'fraud-model-dev',
      entityRef,
    });
    return { pipeline, deploy };
  };

  it('applies what generate wrote into what environments created', async () => {
    const { pipeline, deploy } = await runTemplate();
    expect(pipeline.eventListenerUrl).toBe(
      'http://el-fraud-model-listener.fraud-model-ci.svc.cluster.local:8080',
    );
    // the delivery pipeline and the deploy pipeline (one environment at one revision)
    expect(
      server
        .list('pipelines', 'fraud-model-ci')
        .map(p => p.metadata.name)
        .sort(),
    ).toEqual(['fraud-model-delivery', 'fraud-model-deploy']);

    // the EventListener runs as the ServiceAccount environments created and
    // verifies webhooks with the Secret it created
    const listener = server.get(
      'eventlisteners',
      'fraud-model-ci',
      'fraud-model-listener',
    ) as any;
    const sa = listener.spec.serviceAccountName;
    expect(server.get('serviceaccounts', 'fraud-model-ci', sa)).toBeDefined();
    const secretRef = listener.spec.triggers[0].interceptors[0].params.find(
      (p: { name: string }) => p.name === 'secretRef',
    ).value;
    const secret = server.get(
      'secrets',
      'fraud-model-ci',
      secretRef.secretName,
    ) as any;
    expect(
      Buffer.from(secret.data[secretRef.secretKey], 'base64').toString(),
    ).toBe(SECRET);
    // and that ServiceAccount may deploy into every environment
    for (const env of ['dev', 'staging', 'production']) {
      const binding = server
        .list('rolebindings', `fraud-model-${env}`)
        .find(b => (b as any).roleRef.name === 'edit') as any;
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: sa, namespace: 'fraud-model-ci' },
      ]);
    }

    expect(deploy.applied).toEqual([
      {
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        namespace: 'fraud-model-dev',
        name: 'fraud-model',
        result: 'created',
      },
    ]);
  });

  it('runs a second time without changing anything', async () => {
    await runTemplate();
    const snapshot = () =>
      server
        .list('namespaces')
        .flatMap(ns =>
          ['secrets', 'pipelines', 'eventlisteners', 'resourcequotas'].flatMap(
            plural => server.list(plural, ns.metadata.name),
          ),
        )
        .map(o => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`);
    const before = snapshot();
    expect(before.length).toBeGreaterThan(5);
    const { pipeline, deploy } = await runTemplate();
    expect(snapshot()).toEqual(before);
    expect(
      [...pipeline.applied, ...deploy.applied].every(
        (o: { result: string }) => o.result === 'unchanged',
      ),
    ).toBe(true);
  });
});
