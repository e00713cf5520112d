import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the end-to-end test runs the delivery backend beside what this module generates
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@slipway/plugin-delivery-backend';
import tektonModule from '@slipway/plugin-delivery-backend-module-tekton';
import {
  FakeKubeApiServer,
  kubeResources,
  TektonTestExecutor,
} from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { parseDocuments } from '../projects';
import { TEMPLATES_DIR } from '../dryRunTemplate';
import { goldenCatalog } from './goldenCatalog';
import { goldenHandlers } from './goldenHandlers';

/** Slipway's Tasks as a platform team installs them, polling every second for the test. */
function slipwayTasks(): object[] {
  const dir = path.join(TEMPLATES_DIR, 'tekton');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .map(f => yaml.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .map(task => ({
      ...task,
      spec: {
        ...task.spec,
        params: task.spec.params.map((p: { name: string }) =>
          p.name === 'poll-seconds' ? { ...p, default: '1' } : p,
        ),
      },
    }));
}

/**
 * The templated project's world: its Pipelines in a cluster that speaks the Kubernetes
 * protocol, the executor playing the Tekton controller there (Slipway's Tasks run for real
 * against the backend), and the backend with the delivery plugin and the Tekton module reading
 * that cluster, with the project's catalog-info.yaml entity in the catalog.
 */
export async function startGoldenPortal(
  knex: Knex,
  files: Map<string, string>,
  accuracy: (revision: string) => number,
) {
  const kube = await FakeKubeApiServer.start({
    resources: [kubeResources.pipelines],
  });
  const [pipeline] = parseDocuments(files.get('.tekton/pipeline.yaml')!);
  const [deployPipeline] = parseDocuments(
    files.get('.tekton/deploy-pipeline.yaml')!,
  );
  kube.put('pipelines', pipeline);
  kube.put('pipelines', deployPipeline);
  const component = yaml.parse(files.get('catalog-info.yaml')!) as Entity;

  const backend = await startTestBackend({
    features: [
      deliveryPlugin,
      tektonModule,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'local',
                    url: kube.url,
                    serviceAccountToken: kube.token,
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
        },
      }),
      catalogServiceMock.factory({ entities: goldenCatalog(component) }),
    ],
  });
  const executor = new TektonTestExecutor({
    server: kube,
    tasks: slipwayTasks(),
    // the pipeline's token: a service principal, as the project's Secret holds one
    secrets: { 'slipway-token': { token: mockCredentials.service.token() } },
    handlers: goldenHandlers(accuracy),
  }).runWhenCreated();

  const namespace = String(pipeline.metadata.namespace);
  const [runTemplate] = parseDocuments(files.get('ci/pipelinerun.yaml')!);
  let runs = 0;
  return {
    kube,
    backend,
    executor,
    component,
    url: `http://127.0.0.1:${backend.server.port()}`,
    /** Starts the delivery pipeline for a pushed revision, as the push trigger would. */
    push(revision: string, pusher: string) {
      const spec = runTemplate.spec as {
        params: Array<{ name: string; value: string }>;
      };
      const given: Record<string, string> = {
        'git-revision': revision,
        'commit-authors': pusher,
        'slipway-url': `http://127.0.0.1:${backend.server.port()}`,
      };
      const params = [
        ...spec.params.filter(p => !(p.name in given)),
        ...Object.entries(given).map(([name, value]) => ({ name, value })),
      ];
      const { generateName: _generated, ...metadata } = runTemplate.metadata;
      return kube.put('pipelineruns', {
        ...runTemplate,
        metadata: {
          ...metadata,
          name: `churn-model-push-${++runs}`,
          namespace,
        },
        spec: { ...spec, params },
      });
    },
    async stop() {
      await executor.stop();
      await backend.stop();
      await kube.close();
    },
  };
}
