import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * A RoleBinding that gives the scaffolder's own ServiceAccount a ClusterRole
 * in each namespace it creates, so its cluster-wide rights can stay minimal.
 */
export interface NamespaceBinding {
  clusterRole: string;
  serviceAccountName: string;
  serviceAccountNamespace: string;
}

/** One cluster of `delivery.scaffolder.clusters`. */
export interface TargetCluster {
  name: string;
  kubeConfig: KubeConfig;
  namespaceBinding?: NamespaceBinding;
}

const KEY = 'delivery.scaffolder.clusters';

/** The ingestion's clusters (`kubernetes.clusterLocatorMethods`, type config), by name. */
function sharedClusters(config: Config): Map<string, Config> {
  const clusters = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? []);
  return new Map(clusters.map(c => [c.getString('name'), c]));
}

function namespaceBinding(cluster: Config): NamespaceBinding | undefined {
  const binding = cluster.getOptionalConfig('namespaceBinding');
  if (!binding) return undefined;
  return {
    clusterRole: binding.getString('clusterRole'),
    serviceAccountName: binding.getString('serviceAccount.name'),
    serviceAccountNamespace: binding.getString('serviceAccount.namespace'),
  };
}

/**
 * The scaffolder's own credentials for a cluster. The URL, CA and TLS
 * setting may come from the ingestion's cluster of the same name (connection
 * details only, so they are configured once); the token never does, and the
 * ingestion's token is refused.
 */
function toKubeConfig(
  cluster: Config,
  shared: Config | undefined,
  name: string,
): KubeConfig {
  const token = cluster.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `${KEY} '${name}' has no serviceAccountToken; the scaffolder writes with its own ServiceAccount`,
    );
  }
  if (shared?.getOptionalString('serviceAccountToken') === token) {
    throw new InputError(
      `${KEY} '${name}' uses the same token as kubernetes.clusterLocatorMethods (the read-only ingestion's); give the scaffolder its own ServiceAccount`,
    );
  }
  const url =
    cluster.getOptionalString('url') ?? shared?.getOptionalString('url');
  if (!url) {
    throw new InputError(
      `${KEY} '${name}' has no url, and no cluster of that name is in kubernetes.clusterLocatorMethods`,
    );
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: url,
        skipTLSVerify:
          cluster.getOptionalBoolean('skipTLSVerify') ??
          shared?.getOptionalBoolean('skipTLSVerify') ??
          false,
        caData:
          cluster.getOptionalString('caData') ??
          shared?.getOptionalString('caData'),
      },
    ],
    users: [{ name: 'slipway-scaffolder', token }],
    contexts: [{ name, cluster: name, user: 'slipway-scaffolder' }],
    currentContext: name,
  });
  return kc;
}

/**
 * The cluster an action writes to, from `delivery.scaffolder.clusters`: the
 * one named `name`, or the only one configured. Throws `InputError` naming
 * the choices otherwise.
 */
export function targetCluster(config: Config, name?: string): TargetCluster {
  const clusters = config.getOptionalConfigArray(KEY) ?? [];
  const names = clusters.map(c => c.getString('name'));
  if (clusters.length === 0) {
    throw new InputError(
      `No cluster is configured for the scaffolder (${KEY})`,
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
      `Unknown cluster '${name}'; configured clusters: ${names.join(
        ', ',
      )} (${KEY})`,
    );
  }
  const cluster = clusters[index];
  return {
    name: names[index],
    kubeConfig: toKubeConfig(
      cluster,
      sharedClusters(config).get(names[index]),
      names[index],
    ),
    namespaceBinding: namespaceBinding(cluster),
  };
}
