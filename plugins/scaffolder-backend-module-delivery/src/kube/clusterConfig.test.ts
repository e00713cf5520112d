import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { targetCluster } from './clusterConfig';

const INGESTION = {
  name: 'prod',
  url: 'https://k8s.example.com',
  authProvider: 'serviceAccount',
  serviceAccountToken: 'ingestion-read-only-token',
  caData: 'Q0EgZGF0YQ==',
};

const config = (scaffolderClusters?: JsonObject[]) =>
  new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [{ type: 'config', clusters: [INGESTION] }],
    },
    ...(scaffolderClusters
      ? { delivery: { scaffolder: { clusters: scaffolderClusters } } }
      : {}),
  });

describe('targetCluster (the scaffolder’s own credentials)', () => {
  it('writes with delivery.scaffolder.clusters’ token; url and CA may come from the same-named kubernetes cluster', () => {
    const cluster = targetCluster(
      config([{ name: 'prod', serviceAccountToken: 'scaffolder-token' }]),
    );
    expect(cluster.name).toBe('prod');
    expect(cluster.kubeConfig.getCurrentUser()?.token).toBe('scaffolder-token');
    expect(cluster.kubeConfig.getCurrentCluster()).toMatchObject({
      server: 'https://k8s.example.com',
      caData: 'Q0EgZGF0YQ==',
      skipTLSVerify: false,
    });
  });

  it('never falls back to the ingestion’s token, and refuses it when configured for the scaffolder', () => {
    expect(() => targetCluster(config())).toThrow(
      'No cluster is configured for the scaffolder (delivery.scaffolder.clusters)',
    );
    expect(() => targetCluster(config([{ name: 'prod' }]))).toThrow(
      "delivery.scaffolder.clusters 'prod' has no serviceAccountToken",
    );
    expect(() =>
      targetCluster(
        config([
          { name: 'prod', serviceAccountToken: INGESTION.serviceAccountToken },
        ]),
      ),
    ).toThrow(
      "delivery.scaffolder.clusters 'prod' uses the same token as kubernetes.clusterLocatorMethods (the read-only ingestion's)",
    );
  });

  it('needs a url of its own for a cluster the ingestion does not read, and names the choices', () => {
    expect(() =>
      targetCluster(config([{ name: 'dev', serviceAccountToken: 't' }])),
    ).toThrow(
      "delivery.scaffolder.clusters 'dev' has no url, and no cluster of that name is in kubernetes.clusterLocatorMethods",
    );
    const two = config([
      { name: 'prod', serviceAccountToken: 't1' },
      {
        name: 'dev',
        url: 'https://dev.example.com',
        serviceAccountToken: 't2',
      },
    ]);
    expect(
      targetCluster(two, 'dev').kubeConfig.getCurrentCluster()?.server,
    ).toBe('https://dev.example.com');
    expect(() => targetCluster(two)).toThrow(
      'Several clusters are configured, choose one with the cluster input: prod, dev',
    );
    expect(() => targetCluster(two, 'nope')).toThrow(
      "Unknown cluster 'nope'; configured clusters: prod, dev (delivery.scaffolder.clusters)",
    );
  });
});
