import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_TEKTON_CICD,
} from '@slipway/plugin-delivery-common';
import { examples } from './buildAnnotations.examples';

const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `delivery:annotations:build` — computes the catalog annotations that attach a new component's
 * Tekton PipelineRuns to it in Slipway (and in the Kubernetes and community Tekton plugins).
 *
 * @public
 */
export function createBuildAnnotationsAction() {
  return createTemplateAction({
    id: 'delivery:annotations:build',
    description:
      'Builds the catalog-info annotations that link a component to its Tekton pipeline runs',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        kubernetesId: z =>
          z
            .string()
            .max(63)
            .regex(
              KUBERNETES_NAME,
              'must be a lower-case DNS label (a-z, 0-9, -)',
            )
            .describe(
              'Value of the backstage.io/kubernetes-id label the pipelines put on their runs',
            ),
        namespace: z =>
          z
            .string()
            .max(63)
            .regex(
              KUBERNETES_NAME,
              'must be a lower-case DNS label (a-z, 0-9, -)',
            )
            .optional()
            .describe(
              'Namespace the runs live in; omit to match every namespace',
            ),
      },
      output: {
        annotations: z =>
          z
            .record(z.string(), z.string())
            .describe('Annotations to put in catalog-info.yaml'),
      },
    },
    async handler(ctx) {
      const annotations: Record<string, string> = {
        [ANNOTATION_KUBERNETES_ID]: ctx.input.kubernetesId,
        [ANNOTATION_TEKTON_CICD]: 'true',
      };
      if (ctx.input.namespace) {
        annotations[ANNOTATION_KUBERNETES_NAMESPACE] = ctx.input.namespace;
      }
      ctx.logger.info(
        `Runs labelled ${ANNOTATION_KUBERNETES_ID}=${ctx.input.kubernetesId} will show on the new component`,
      );
      ctx.output('annotations', annotations);
    },
  });
}
