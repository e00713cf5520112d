import { ConfigReader } from '@backstage/config';
import { readTektonClusters } from './readTektonClusters';

describe('readTektonClusters', () => {
  it('reads config-located clusters and applies Slipway refinements by name', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'prod-eu',
                url: 'https://10.0.0.1:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'token-a',
                caData: 'Q0E=',
              },
              {
                name: 'dev',
                url: 'http://127.0.0.1:8001',
                skipTLSVerify: true,
              },
              { name: 'legacy', url: 'https://legacy:6443' },
            ],
          },
        ],
      },
      delivery: {
        tekton: {
          clusters: [
            {
              name: 'prod-eu',
              namespaces: ['payments', 'ml'],
              labelSelector: 'tekton.dev/cicd=true',
            },
            { name: 'legacy', enabled: false },
          ],
        },
      },
    });

    expect(readTektonClusters(config)).toEqual([
      {
        name: 'prod-eu',
        url: 'https://10.0.0.1:6443',
        serviceAccountToken: 'token-a',
        skipTLSVerify: false,
        caData: 'Q0E=',
        namespaces: ['payments', 'ml'],
        labelSelector: 'tekton.dev/cicd=true',
      },
      {
        name: 'dev',
        url: 'http://127.0.0.1:8001',
        serviceAccountToken: undefined,
        skipTLSVerify: true,
        caData: undefined,
        namespaces: undefined,
        labelSelector: undefined,
      },
    ]);
  });

  it('returns no clusters when none are configured', () => {
    expect(readTektonClusters(new ConfigReader({}))).toEqual([]);
  });

  it('names the cluster whose auth provider it cannot use', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'gke', url: 'https://gke', authProvider: 'google' },
            ],
          },
        ],
      },
    });
    expect(() => readTektonClusters(config)).toThrow(/Cluster 'gke'.*'google'/);
  });
});
