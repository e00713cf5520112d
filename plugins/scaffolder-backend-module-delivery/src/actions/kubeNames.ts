import type { z as zod } from 'zod/v3';

/** A Kubernetes DNS label: lower-case letters, digits and inner dashes. */
export const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Zod schema of a Kubernetes name (DNS label) of at most `max` characters,
 * with a message naming the rule and the field's description.
 */
export function kubernetesName(z: typeof zod, description: string, max = 63) {
  return z
    .string()
    .max(max)
    .regex(KUBERNETES_NAME, 'must be a lower-case DNS label (a-z, 0-9, -)')
    .describe(description);
}
