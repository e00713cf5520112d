import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import deliveryPlugin from '@slipway/plugin-delivery-backend';
import deliveryModuleTekton from '@slipway/plugin-delivery-backend-module-tekton';
import { Knex } from 'knex';

/** A catalog Component claiming the runs labelled `backstage.io/kubernetes-id: <name>`. */
export function componentEntity(name: string): Entity {
  const annotations = { 'backstage.io/kubernetes-id': name };
  const spec = { type: 'service', lifecycle: 'production', owner: 'team-a' };
  const metadata = { name, namespace: 'default', annotations };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata,
    spec,
  };
}

/** Where the fake cluster listens and the token it wants. */
export interface ClusterAccess {
  url: string;
  token: string;
}

function configCluster(cluster: ClusterAccess) {
  return {
    type: 'config',
    clusters: [
      {
        name: 'bench',
        url: cluster.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: cluster.token,
        skipTLSVerify: true,
        skipMetricsLookup: true,
      },
    ],
  };
}

function common(entities: Entity[], config: Record<string, unknown>) {
  return [
    mockServices.rootConfig.factory({ data: config as any }),
    mockServices.rootLogger.factory({ level: 'error' }),
    catalogServiceMock.factory({ entities }),
  ];
}

/**
 * Slipway: the delivery backend with the Tekton module reading the cluster into the given
 * database (ingestion happens in the background; poll the store for completion).
 */
export async function startSlipwayPortal(options: {
  knex: Knex;
  entities: Entity[];
  cluster?: ClusterAccess;
  delivery?: Record<string, unknown>;
}) {
  return startTestBackend({
    features: [
      deliveryPlugin,
      ...(options.cluster ? [deliveryModuleTekton] : []),
      mockServices.database.factory({ knex: options.knex }),
      ...common(options.entities, {
        delivery: options.delivery ?? {},
        kubernetes: {
          clusterLocatorMethods: options.cluster
            ? [configCluster(options.cluster)]
            : [],
        },
      }),
    ],
  });
}

/**
 * The community Tekton plugin's data path: the Kubernetes backend plugin with PipelineRun and
 * TaskRun custom resources (as the Tekton plugin's install guide configures it) and the default
 * object types, reading the same cluster.
 */
export async function startKubernetesPortal(options: {
  entities: Entity[];
  cluster: ClusterAccess;
}) {
  return startTestBackend({
    features: [
      kubernetesPlugin,
      ...common(options.entities, {
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [configCluster(options.cluster)],
          customResources: ['pipelineruns', 'taskruns'].map(plural => ({
            group: 'tekton.dev',
            apiVersion: 'v1',
            plural,
          })),
        },
      }),
    ],
  });
}
