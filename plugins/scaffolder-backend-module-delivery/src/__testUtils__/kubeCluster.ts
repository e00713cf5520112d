import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject, JsonValue } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  FakeKubeApiServer,
  allKubeResources,
} from '@slipway/plugin-delivery-backend-module-tekton/testUtils';

/** A local Kubernetes-protocol server serving every ready-made resource type. */
export function startCluster(): Promise<FakeKubeApiServer> {
  return FakeKubeApiServer.start({ resources: allKubeResources });
}

/**
 * Root config with the server as cluster `local` (and optionally more
 * clusters), plus any other top-level `data`.
 */
export function clusterConfig(
  server: FakeKubeApiServer,
  extra: { clusters?: JsonObject[]; data?: JsonObject } = {},
) {
  return new ConfigReader({
    ...extra.data,
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'local',
              url: server.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: server.token,
              skipTLSVerify: true,
            },
            ...(extra.clusters ?? []),
          ],
        },
      ],
    },
  });
}

/**
 * A mock action context whose logger, outputs and checkpoint results are
 * recorded, so a test can search everything the action let out.
 */
export function recordingContext<T extends JsonObject>(
  input: T,
  options: { dryRun?: boolean; workspacePath?: string } = {},
) {
  const logger = mockServices.logger.mock();
  const checkpoints: Array<{ key: string; value: unknown }> = [];
  const ctx = createMockActionContext<T>({
    input,
    logger,
    ...(options.workspacePath ? { workspacePath: options.workspacePath } : {}),
  });
  ctx.isDryRun = options.dryRun;
  ctx.checkpoint = async <V extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<V> | V;
  }) => {
    const value = await opts.fn();
    checkpoints.push({ key: opts.key, value });
    return value;
  };
  const outputs = () =>
    Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
  /** Every log line, output and checkpoint value, as one searchable text. */
  const everythingLetOut = () =>
    JSON.stringify([
      ...[logger.info, logger.warn, logger.error, logger.debug].map(
        fn => (fn as jest.Mock).mock.calls,
      ),
      (logger.child as jest.Mock).mock.calls,
      outputs(),
      checkpoints,
    ]);
  return { ctx, logger, checkpoints, outputs, everythingLetOut };
}
