import { NamespaceBinding } from '../kube/clusterConfig';
import { Manifest } from '../kube/manifest';

/** Environment tiers; `dev` is read as `development`. */
export const ENVIRONMENT_TIERS = [
  'development',
  'dev',
  'staging',
  'production',
] as const;

type Tier = 'development' | 'staging' | 'production';

/** Label keys Slipway puts on the namespaces it creates. */
export const LABELS = {
  component: 'slipway.dev/component',
  environment: 'slipway.dev/environment',
  tier: 'slipway.dev/tier',
  role: 'slipway.dev/role',
  managedBy: 'app.kubernetes.io/managed-by',
};

interface TierSizes {
  quota: Record<string, string>;
  limit: { cpu: string; memory: string };
  request: { cpu: string; memory: string };
}

/** Quota: requests cpu/memory, limits cpu/memory, pods; container limit and request. */
function tierSizes(
  [requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods]: string[],
  [cpu, memory]: string[],
  [requestCpu, requestMemory]: string[],
): TierSizes {
  return {
    quota: {
      'requests.cpu': requestsCpu,
      'requests.memory': requestsMemory,
      'limits.cpu': limitsCpu,
      'limits.memory': limitsMemory,
      pods,
    },
    limit: { cpu, memory },
    request: { cpu: requestCpu, memory: requestMemory },
  };
}

/** ResourceQuota `hard` and LimitRange container defaults per tier. */
export const TIER_SIZES: Record<Tier, TierSizes> = {
  development: tierSizes(
    ['4', '8Gi', '8', '16Gi', '20'],
    ['500m', '512Mi'],
    ['100m', '128Mi'],
  ),
  staging: tierSizes(
    ['8', '16Gi', '16', '32Gi', '40'],
    ['1', '1Gi'],
    ['250m', '256Mi'],
  ),
  production: tierSizes(
    ['16', '32Gi', '32', '64Gi', '100'],
    ['2', '2Gi'],
    ['500m', '512Mi'],
  ),
};

/** Everything the objects are built from, defaults resolved. */
export interface EnvironmentsPlan {
  component: string;
  ciNamespace: string;
  pipelineServiceAccount: string;
  deployClusterRole: string;
  webhookSecret?: { name: string; key: string; value: string };
  /** The token the Slipway Tasks send (Secret `slipway-token`, key `token`). */
  slipwayToken?: string;
  environments: Array<{ name: string; tier: string; namespace: string }>;
  /** Ownership labels and annotations every object carries. */
  ownership: {
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  /** The scaffolder's own RoleBinding, applied right after each Namespace. */
  namespaceBinding?: NamespaceBinding;
}

/** `dev` → `development`; other tiers unchanged. */
export function normaliseTier(tier: string): Tier {
  return tier === 'dev' ? 'development' : (tier as Tier);
}

/** Labels and annotations of every object: the given labels, then ownership. */
function metadataFor(
  plan: EnvironmentsPlan,
  labels: Record<string, string>,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  return {
    labels: { ...labels, ...plan.ownership.labels },
    annotations: { ...plan.ownership.annotations },
  };
}

/** The Namespace, then the scaffolder's own RoleBinding in it when configured. */
function namespace(
  plan: EnvironmentsPlan,
  name: string,
  labels: Record<string, string>,
): Manifest[] {
  const metadata = metadataFor(plan, labels);
  const binding = plan.namespaceBinding;
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...metadata } },
    ...(binding
      ? [
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: {
              name: 'slipway-scaffolder',
              namespace: name,
              ...metadata,
            },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: binding.clusterRole,
            },
            subjects: [
              {
                kind: 'ServiceAccount',
                name: binding.serviceAccountName,
                namespace: binding.serviceAccountNamespace,
              },
            ],
          },
        ]
      : []),
  ];
}

function environmentObjects(
  plan: EnvironmentsPlan,
  env: EnvironmentsPlan['environments'][number],
): Manifest[] {
  const tier = normaliseTier(env.tier);
  const sizes = TIER_SIZES[tier];
  const labels = {
    [LABELS.component]: plan.component,
    [LABELS.environment]: env.name,
    [LABELS.tier]: tier,
    [LABELS.managedBy]: 'slipway',
  };
  const meta = (name: string) => ({
    name,
    namespace: env.namespace,
    ...metadataFor(plan, labels),
  });
  return [
    ...namespace(plan, env.namespace, labels),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(plan.component),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(`${plan.pipelineServiceAccount}-deploy`),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: plan.deployClusterRole,
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: plan.pipelineServiceAccount,
          namespace: plan.ciNamespace,
        },
      ],
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta(`${plan.component}-quota`),
      spec: { hard: sizes.quota },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta(`${plan.component}-limits`),
      spec: {
        limits: [
          {
            type: 'Container',
            default: sizes.limit,
            defaultRequest: sizes.request,
          },
        ],
      },
    },
  ];
}

function ciObjects(plan: EnvironmentsPlan): Manifest[] {
  const labels = {
    [LABELS.component]: plan.component,
    [LABELS.role]: 'ci',
    [LABELS.managedBy]: 'slipway',
  };
  const meta = (name: string) => ({
    name,
    namespace: plan.ciNamespace,
    ...metadataFor(plan, labels),
  });
  const objects: Manifest[] = [
    ...namespace(plan, plan.ciNamespace, labels),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(plan.pipelineServiceAccount),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(`${plan.pipelineServiceAccount}-triggers`),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'tekton-triggers-eventlistener-roles',
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: plan.pipelineServiceAccount,
          namespace: plan.ciNamespace,
        },
      ],
    },
  ];
  const secrets = [
    ...(plan.webhookSecret ? [plan.webhookSecret] : []),
    ...(plan.slipwayToken
      ? [{ name: 'slipway-token', key: 'token', value: plan.slipwayToken }]
      : []),
  ];
  for (const { name, key, value } of secrets) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(name),
      type: 'Opaque',
      stringData: { [key]: value },
    });
  }
  return objects;
}

/**
 * The objects for a component's environments, in apply order, each labelled
 * with its owner: the CI namespace (and the scaffolder's own RoleBinding
 * there, when configured) with the pipeline's ServiceAccount, its Triggers
 * RoleBinding and the webhook Secret; then per environment a labelled
 * Namespace (and that RoleBinding), the
 * workload's ServiceAccount, a RoleBinding that lets the pipeline deploy, and
 * a ResourceQuota and LimitRange sized by tier.
 */
export function buildEnvironmentObjects(plan: EnvironmentsPlan): Manifest[] {
  return [
    ...ciObjects(plan),
    ...plan.environments.flatMap(env => environmentObjects(plan, env)),
  ];
}
