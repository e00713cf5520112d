import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject, JsonValue } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  FakeKubeApiServer,
  allKubeResources,
} from '@slipway/plugin-delivery-backend-module-tekton/testUtils';

/** The scaffolder's own token on the local server (not the ingestion's `server.token`). */
export const SCAFFOLDER_TOKEN = 'scaffolder-service-account-token';
/** The user the server records for requests made with it. */
export const SCAFFOLDER_USER =
  'system:serviceaccount:slipway:slipway-scaffolder';

/**
 * A local Kubernetes-protocol server serving every ready-made resource type,
 * accepting the ingestion's token (`server.token`) and the scaffolder's.
 */
export function startCluster(): Promise<FakeKubeApiServer> {
  return FakeKubeApiServer.start({
    resources: allKubeResources,
    users: { [SCAFFOLDER_TOKEN]: SCAFFOLDER_USER },
  });
}

/**
 * Root config with the server as cluster `local`: for the ingestion under
 * `kubernetes.clusterLocatorMethods` (its token) and for the scaffolder under
 * `delivery.scaffolder.clusters` (its own token; the URL from the former),
 * plus `scaffolder` settings and any other top-level `data`.
 */
export function clusterConfig(
  server: FakeKubeApiServer,
  extra: { scaffolder?: JsonObject; data?: JsonObject } = {},
) {
  const delivery = (extra.data?.delivery ?? {}) as JsonObject;
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
          ],
        },
      ],
    },
    delivery: {
      ...delivery,
      scaffolder: {
        clusters: [{ name: 'local', serviceAccountToken: SCAFFOLDER_TOKEN }],
        ...(delivery.scaffolder as JsonObject | undefined),
        ...extra.scaffolder,
      },
    },
  });
}

/**
 * A mock action context whose logger, outputs and checkpoint results are
 * recorded, so a test can search everything the action let out.
 */
export function recordingContext<T extends JsonObject>(
  input: T,
  options: {
    dryRun?: boolean;
    workspacePath?: string;
    /** The scaffolder task id (default the mock's `mock-task-id`). */
    taskId?: string;
    /** The user who started the task. */
    userRef?: string;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const checkpoints: Array<{ key: string; value: unknown }> = [];
  const ctx = createMockActionContext<T>({
    input,
    logger,
    ...(options.workspacePath ? { workspacePath: options.workspacePath } : {}),
    ...(options.taskId ? { task: { id: options.taskId } } : {}),
    ...(options.userRef ? { user: { ref: options.userRef } } : {}),
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
