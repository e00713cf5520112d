import { DraftObject, ResourceDefinition, isRecord } from './types';

function core(
  plural: string,
  kind: string,
  namespaced = true,
): ResourceDefinition {
  return { group: '', version: 'v1', plural, kind, namespaced };
}

function grouped(
  groupVersion: string,
  plural: string,
  kind: string,
): ResourceDefinition {
  const [group, version] = groupVersion.split('/');
  return { group, version, plural, kind, namespaced: true };
}

/** Like the API server: the `kubernetes.io/metadata.name` label and phase Active. */
function normalizeNamespace(obj: DraftObject): DraftObject {
  const labels = isRecord(obj.metadata.labels) ? obj.metadata.labels : {};
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...labels, 'kubernetes.io/metadata.name': obj.metadata.name },
    },
    status: isRecord(obj.status) ? obj.status : { phase: 'Active' },
  };
}

/** Like the API server: `stringData` is write-only and merged into base64 `data`. */
function normalizeSecret(obj: DraftObject): DraftObject {
  const { stringData, ...rest } = obj;
  if (!isRecord(stringData)) return obj;
  const data: Record<string, unknown> = isRecord(obj.data)
    ? { ...obj.data }
    : {};
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  return { ...rest, data };
}

/**
 * Ready-made resource types to pass to `FakeKubeApiServer.start({ resources })`.
 * Tekton runs (pipelineruns, taskruns, customruns) are always served.
 */
export const kubeResources = {
  namespaces: {
    ...core('namespaces', 'Namespace', false),
    shortNames: ['ns'],
    normalize: normalizeNamespace,
  },
  serviceAccounts: core('serviceaccounts', 'ServiceAccount'),
  secrets: { ...core('secrets', 'Secret'), normalize: normalizeSecret },
  configMaps: core('configmaps', 'ConfigMap'),
  services: core('services', 'Service'),
  resourceQuotas: core('resourcequotas', 'ResourceQuota'),
  limitRanges: core('limitranges', 'LimitRange'),
  roles: grouped('rbac.authorization.k8s.io/v1', 'roles', 'Role'),
  roleBindings: grouped(
    'rbac.authorization.k8s.io/v1',
    'rolebindings',
    'RoleBinding',
  ),
  clusterRoles: {
    ...grouped('rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole'),
    namespaced: false,
  },
  clusterRoleBindings: {
    ...grouped(
      'rbac.authorization.k8s.io/v1',
      'clusterrolebindings',
      'ClusterRoleBinding',
    ),
    namespaced: false,
  },
  deployments: grouped('apps/v1', 'deployments', 'Deployment'),
  pipelines: grouped('tekton.dev/v1', 'pipelines', 'Pipeline'),
  tasks: grouped('tekton.dev/v1', 'tasks', 'Task'),
  eventListeners: grouped(
    'triggers.tekton.dev/v1beta1',
    'eventlisteners',
    'EventListener',
  ),
  triggerBindings: grouped(
    'triggers.tekton.dev/v1beta1',
    'triggerbindings',
    'TriggerBinding',
  ),
  triggerTemplates: grouped(
    'triggers.tekton.dev/v1beta1',
    'triggertemplates',
    'TriggerTemplate',
  ),
  inferenceServices: grouped(
    'serving.kserve.io/v1beta1',
    'inferenceservices',
    'InferenceService',
  ),
  approvalTasks: grouped(
    'openshift-pipelines.org/v1alpha1',
    'approvaltasks',
    'ApprovalTask',
  ),
} satisfies Record<string, ResourceDefinition>;

/** Every ready-made type in `kubeResources`. */
export const allKubeResources: ResourceDefinition[] =
  Object.values(kubeResources);
