import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import deliveryPlugin from '@slipway/plugin-delivery-backend';
import { Knex } from 'knex';
import request from 'supertest';
import { FakeKubeApiServer } from '../../testing';
import { deliveryModuleTekton } from '../tektonModule';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** The entity the test runs are labelled for. */
export const ENTITY_RUNS_PATH =
  '/api/delivery/entities/component/default/payments-api/runs?limit=100';

/**
 * A test backend with the delivery plugin and this module, reading the fake cluster, with
 * `payments-api` in the catalog claiming `backstage.io/kubernetes-id: payments-api`.
 */
export async function startTestPortal(
  /** The cluster `local`, or several clusters by name. */
  kube:
    | Pick<FakeKubeApiServer, 'url' | 'token'>
    | Record<string, Pick<FakeKubeApiServer, 'url' | 'token'>>,
  knex: Knex,
  /** Extra `delivery` config, e.g. `{ tekton: { approvalTasks: … } }`. */
  delivery: NonNullable<ConfigData>[string] = {},
  /** Extra features, e.g. the real scheduler for the scale-out test. */
  features: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  const clusters = (
    'url' in kube && typeof kube.url === 'string'
      ? { local: kube as Pick<FakeKubeApiServer, 'url' | 'token'> }
      : (kube as Record<string, Pick<FakeKubeApiServer, 'url' | 'token'>>)
  ) as Record<string, Pick<FakeKubeApiServer, 'url' | 'token'>>;
  const { server } = await startTestBackend({
    features: [
      ...(features ?? []),
      deliveryPlugin,
      deliveryModuleTekton,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          delivery,
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: Object.entries(clusters).map(([name, c]) => ({
                  name,
                  url: c.url,
                  serviceAccountToken: c.token,
                  skipTLSVerify: true,
                })),
              },
            ],
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'payments-api',
              namespace: 'default',
              annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
            },
            spec: {},
          },
        ],
      }),
    ],
  });
  return server;
}

export interface ListedRun {
  uid: string;
  name: string;
  status: string;
  durationSeconds?: number;
}

/** GET the entity's runs as a signed-in user. */
export async function listEntityRuns(
  server: Parameters<typeof request>[0],
): Promise<ListedRun[]> {
  const res = await request(server)
    .get(ENTITY_RUNS_PATH)
    .set('Authorization', mockCredentials.user.header());
  if (res.status !== 200) {
    throw new Error(
      `runs API answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
  return res.body.items;
}

/** GET one run with its tasks as a signed-in user. */
export async function getEntityRun(
  server: Parameters<typeof request>[0],
  uid: string,
): Promise<
  ListedRun & { tasks: Array<{ status: string; pipelineTaskName: string }> }
> {
  const res = await request(server)
    .get(`/api/delivery/runs/${encodeURIComponent(uid)}`)
    .set('Authorization', mockCredentials.user.header());
  if (res.status !== 200) {
    throw new Error(
      `run API answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
  return res.body;
}
