import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  deliveryProvidersExtensionPoint,
  PipelineProvider,
} from '@slipway/plugin-delivery-node';
import { TektonPipelineProvider } from '../provider/TektonPipelineProvider';
import { deliveryModuleTekton } from './tektonModule';

describe('deliveryModuleTekton', () => {
  it('adds a Tekton provider built from the portal cluster config', async () => {
    const added: PipelineProvider[] = [];
    const extensionPoint = {
      addPipelineProvider: (
        ...p: Array<PipelineProvider | PipelineProvider[]>
      ) => added.push(...p.flat()),
    };
    await startTestBackend({
      extensionPoints: [[deliveryProvidersExtensionPoint, extensionPoint]],
      features: [
        deliveryModuleTekton,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'local',
                      url: 'http://127.0.0.1:8443',
                      serviceAccountToken: 't',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });

    expect(added).toHaveLength(1);
    const provider = added[0] as TektonPipelineProvider;
    expect(provider.getProviderName()).toBe('tekton');
    expect(provider.clusters.map(c => c.name)).toEqual(['local']);
    const kc = provider.kubeConfig('local')!;
    expect(kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:8443');
    expect(kc.getCurrentUser()?.token).toBe('t');
  });
});
