import { Config } from '@backstage/config';

/**
 * One cluster the Tekton provider reads runs from.
 */
export interface TektonClusterConfig {
  name: string;
  url: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
  /** Namespaces to watch; all namespaces when absent. */
  namespaces?: string[];
  /** Label selector applied to every list and watch. */
  labelSelector?: string;
}

/**
 * Reads clusters from the standard `kubernetes.clusterLocatorMethods` (type `config`) that the
 * Backstage Kubernetes plugin uses, so a portal configures its clusters once. Slipway's own
 * `delivery.tekton.clusters` may narrow each cluster by name to namespaces and a label selector,
 * or switch a cluster off.
 */
export function readTektonClusters(config: Config): TektonClusterConfig[] {
  const overrides = new Map(
    (config.getOptionalConfigArray('delivery.tekton.clusters') ?? []).map(c => [
      c.getString('name'),
      c,
    ]),
  );
  const clusters: TektonClusterConfig[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') {
      continue;
    }
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const override = overrides.get(name);
      if (override?.getOptionalBoolean('enabled') === false) {
        continue;
      }
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        throw new Error(
          `Cluster '${name}': Slipway reads Tekton runs with a service account token; authProvider '${authProvider}' is not supported`,
        );
      }
      clusters.push({
        name,
        url: cluster.getString('url'),
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        caData: cluster.getOptionalString('caData'),
        namespaces: override?.getOptionalStringArray('namespaces'),
        labelSelector: override?.getOptionalString('labelSelector'),
      });
    }
  }
  return clusters;
}
