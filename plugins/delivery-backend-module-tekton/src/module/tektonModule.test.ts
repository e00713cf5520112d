import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  deliveryApprovalSourcesExtensionPoint,
  deliveryProvidersExtensionPoint,
  ExternalApprovalSource,
  PipelineProvider,
} from '@slipway/plugin-delivery-node';
import { TektonPipelineProvider } from '../provider/TektonPipelineProvider';
import { deliveryModuleTekton } from './tektonModule';

const CLUSTERS = {
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
};

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

async function startModule(data: ConfigData) {
  const added: PipelineProvider[] = [];
  const sources: ExternalApprovalSource[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        deliveryProvidersExtensionPoint,
        {
          addPipelineProvider: (
            ...p: Array<PipelineProvider | PipelineProvider[]>
          ) => added.push(...p.flat()),
        },
      ],
      [
        deliveryApprovalSourcesExtensionPoint,
        {
          addApprovalSource: (...s: ExternalApprovalSource[]) =>
            sources.push(...s),
        },
      ],
    ],
    features: [deliveryModuleTekton, mockServices.rootConfig.factory({ data })],
  });
  return { added, sources };
}

describe('deliveryModuleTekton', () => {
  it('adds the ApprovalTask source unless switched off', async () => {
    const on = await startModule({
      kubernetes: CLUSTERS,
      delivery: {
        tekton: {
          approvalTasks: {
            identities: [
              { userRef: 'user:default/alice', kubernetesUser: 'alice' },
            ],
          },
        },
      },
    });
    expect(on.sources.map(s => s.getSourceName())).toEqual([
      'tekton-approvaltask',
    ]);
    expect(on.sources[0].canWriteFor('user:default/alice')).toBe(true);
    expect(on.sources[0].canWriteFor('user:default/bob')).toBe(false);
    const off = await startModule({
      kubernetes: CLUSTERS,
      delivery: { tekton: { approvalTasks: { enabled: false } } },
    });
    expect(off.sources).toEqual([]);
    expect(off.added).toHaveLength(1);
  });

  it('adds a Tekton provider built from the portal cluster config', async () => {
    const { added } = await startModule({ kubernetes: CLUSTERS });
    expect(added).toHaveLength(1);
    const provider = added[0] as TektonPipelineProvider;
    expect(provider.getProviderName()).toBe('tekton');
    expect(provider.clusters.map(c => c.name)).toEqual(['local']);
    const kc = provider.kubeConfig('local')!;
    expect(kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:8443');
    expect(kc.getCurrentUser()?.token).toBe('t');
  });
});
