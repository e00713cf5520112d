import { KubeConfig } from '@kubernetes/client-node';
import { TektonClusterConfig } from './readTektonClusters';

/**
 * Builds a @kubernetes/client-node KubeConfig for one configured cluster.
 */
export function kubeConfigFor(cluster: TektonClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
      },
    ],
    users: [{ name: 'slipway', token: cluster.serviceAccountToken }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'slipway' }],
    currentContext: cluster.name,
  });
  return kc;
}
