import {
  kubeResources,
  ResourceDefinition,
} from '@slipway/plugin-delivery-backend-module-tekton/testUtils';

function namespaced(
  groupVersion: string,
  plural: string,
  kind: string,
): ResourceDefinition {
  const [group, version] = groupVersion.includes('/')
    ? groupVersion.split('/')
    : ['', groupVersion];
  return { group, version, plural, kind, namespaced: true };
}

/**
 * The object types the Kubernetes backend lists for every entity by default (its
 * DEFAULT_OBJECTS), so that the fake cluster answers each of them with an empty list as a real
 * cluster without such objects would, instead of 404s.
 */
export const kubernetesBackendDefaultTypes: ResourceDefinition[] = [
  namespaced('v1', 'pods', 'Pod'),
  kubeResources.services,
  kubeResources.configMaps,
  kubeResources.limitRanges,
  kubeResources.resourceQuotas,
  kubeResources.deployments,
  namespaced('apps/v1', 'replicasets', 'ReplicaSet'),
  namespaced(
    'autoscaling/v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
  ),
  namespaced('batch/v1', 'jobs', 'Job'),
  namespaced('batch/v1', 'cronjobs', 'CronJob'),
  namespaced('networking.k8s.io/v1', 'ingresses', 'Ingress'),
  namespaced('apps/v1', 'statefulsets', 'StatefulSet'),
  namespaced('apps/v1', 'daemonsets', 'DaemonSet'),
];
