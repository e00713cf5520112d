import { Config } from '@backstage/config';

/** What the cluster actions may write, from `delivery.scaffolder`. */
export interface ScaffolderPolicy {
  /** Namespaces the actions write to must match it (whole name). */
  namespacePattern: RegExp;
  /** The configured pattern's text, for messages. */
  namespacePatternText: string;
  /** Names or `*` patterns never written to, whatever else says. */
  reservedNamespaces: string[];
  /** Existing namespaces the actions may take over (names or `*` patterns). */
  adoptNamespaces: string[];
  /** ClusterRoles `deployClusterRole` may name. */
  deployClusterRoles: string[];
  /** Namespaced kinds `delivery:tekton:apply` applies, `group/Kind` (core: `Kind`). */
  allowedKinds: string[];
  /** Cluster-scoped kinds it applies (default none). */
  allowedClusterScopedKinds: string[];
}

/** A DNS-1123 label. */
export const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** Namespaces of Kubernetes, its distributions and the platform. */
export const DEFAULT_RESERVED_NAMESPACES = [
  'default',
  'kube-*',
  'openshift',
  'openshift-*',
  '*-system',
  'tekton-*',
  'knative-*',
  'kserve',
  'kserve-*',
  'istio-*',
  'cert-manager',
  'slipway',
];

/** What the templates' `delivery:tekton:generate` writes. */
export const DEFAULT_ALLOWED_KINDS = [
  'tekton.dev/Pipeline',
  'tekton.dev/Task',
  'triggers.tekton.dev/TriggerBinding',
  'triggers.tekton.dev/TriggerTemplate',
  'triggers.tekton.dev/EventListener',
  'apps/Deployment',
  'Service',
  'serving.kserve.io/InferenceService',
];

/**
 * Reads `delivery.scaffolder` (defaults for what is not set). Throws on an
 * invalid `namespacePattern`, so a bad config fails at start.
 */
export function readScaffolderPolicy(config: Config): ScaffolderPolicy {
  const c = config.getOptionalConfig('delivery.scaffolder');
  const list = (key: string, fallback: string[]) =>
    c?.getOptionalStringArray(key) ?? fallback;
  const pattern = c?.getOptionalString('namespacePattern') ?? DNS_LABEL;
  let namespacePattern: RegExp;
  try {
    namespacePattern = new RegExp(`^(?:${pattern})$`);
  } catch (e) {
    throw new Error(
      `delivery.scaffolder.namespacePattern is not a valid regular expression: ${e}`,
    );
  }
  return {
    namespacePattern,
    namespacePatternText: pattern,
    reservedNamespaces: list('reservedNamespaces', DEFAULT_RESERVED_NAMESPACES),
    adoptNamespaces: list('adoptNamespaces', []),
    deployClusterRoles: list('deployClusterRoles', ['edit']),
    allowedKinds: list('allowedKinds', DEFAULT_ALLOWED_KINDS),
    allowedClusterScopedKinds: list('allowedClusterScopedKinds', []),
  };
}
