import type { z as zod } from 'zod/v3';

/**
 * Output schema of the objects an action applied (or planned), shared by
 * `delivery:environments:create` and `delivery:tekton:apply`.
 */
export function appliedSchema(z: typeof zod) {
  return z
    .array(
      z.object({
        apiVersion: z.string().describe('apiVersion of the object'),
        kind: z.string().describe('Kind of the object'),
        namespace: z
          .string()
          .optional()
          .describe('Namespace (absent for cluster-scoped objects)'),
        name: z.string().describe('Name of the object'),
        result: z
          .enum(['created', 'updated', 'unchanged', 'planned'])
          .describe('What happened; `planned` in a dry run'),
      }),
    )
    .describe('Every object, in apply order (kinds and names only)');
}
