import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';

/** One cluster of `kubernetes.clusterLocatorMethods` (type `config`). */
export interface TargetCluster {
  name: string;
  kubeConfig: KubeConfig;
}

function configClusters(config: Config): Config[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? []);
}

function toKubeConfig(cluster: Config, name: string): KubeConfig {
  const authProvider =
    cluster.getOptionalString('authProvider') ?? 'serviceAccount';
  if (authProvider !== 'serviceAccount') {
    throw new InputError(
      `Cluster '${name}' uses authProvider '${authProvider}'; the delivery actions need a serviceAccount token`,
    );
  }
  const token = cluster.getOptionalString('serviceAccountToken');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: cluster.getString('url'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        caData: cluster.getOptionalString('caData'),
      },
    ],
    users: [token ? { name: 'scaffolder', token } : { name: 'scaffolder' }],
    contexts: [{ name, cluster: name, user: 'scaffolder' }],
    currentContext: name,
  });
  return kc;
}

/**
 * The cluster an action writes to, from the standard
 * `kubernetes.clusterLocatorMethods` (type `config`) that the Backstage
 * Kubernetes plugin reads: the one named `name`, or the only one configured.
 * Throws `InputError` naming the choices otherwise.
 */
export function targetCluster(config: Config, name?: string): TargetCluster {
  const clusters = configClusters(config);
  const names = clusters.map(c => c.getString('name'));
  if (clusters.length === 0) {
    throw new InputError(
      'No cluster is configured in kubernetes.clusterLocatorMethods (type config)',
    );
  }
  if (name === undefined && clusters.length > 1) {
    throw new InputError(
      `Several clusters are configured, choose one with the cluster input: ${names.join(
        ', ',
      )}`,
    );
  }
  const index = name === undefined ? 0 : names.indexOf(name);
  if (index < 0) {
    throw new InputError(
      `Unknown cluster '${name}'; configured clusters: ${names.join(', ')}`,
    );
  }
  return {
    name: names[index],
    kubeConfig: toKubeConfig(clusters[index], names[index]),
  };
}
