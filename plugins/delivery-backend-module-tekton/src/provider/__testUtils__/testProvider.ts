import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';
import { FakeKubeApiServer } from '../../testing';
import { TektonPipelineProvider } from '../TektonPipelineProvider';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

/**
 * A Tekton provider read from config (with `delivery.tekton` as given) for one cluster `local`
 * served by the fake API server; not connected (actions and logs only).
 */
export function providerFor(
  kube: FakeKubeApiServer,
  tekton: ConfigData = {},
): TektonPipelineProvider {
  return TektonPipelineProvider.fromConfig(
    new ConfigReader({
      delivery: { tekton },
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
    }),
    {
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
    },
  );
}

/** A stored run `ci/build-1` of cluster `local` whose task `test` ran in pod `build-1-test-pod`. */
export function storedRun(
  steps: string[] = ['run'],
): PipelineRunWithTasks & { tasks: [TaskRun] } {
  return {
    uid: 'uid-build-1',
    provider: 'tekton',
    cluster: 'local',
    namespace: 'ci',
    name: 'build-1',
    pipelineName: 'build',
    status: 'running',
    createdAt: '2026-12-01T10:00:00Z',
    git: {},
    tasks: [
      {
        name: 'build-1-test',
        pipelineTaskName: 'test',
        status: 'running',
        retries: 0,
        isFinally: false,
        podName: 'build-1-test-pod',
        steps: steps.map(name => ({
          name,
          container: `step-${name}`,
          status: 'running',
        })),
      },
    ],
  };
}
