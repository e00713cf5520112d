import {
  ANNOTATION_KUBERNETES_ID,
  LABEL_DELIVERY_ENVIRONMENT,
} from '@slipway/plugin-delivery-common';
import { EnvironmentOptions, GenerateOptions } from './types';

/** Labels on everything generated: the component (as Slipway and the Kubernetes plugin read it). */
export function componentLabels(
  options: GenerateOptions,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': options.name,
    'app.kubernetes.io/managed-by': 'slipway',
    [ANNOTATION_KUBERNETES_ID]: options.name,
  };
}

/**
 * Labels of a PipelineRun of the delivery pipeline: the component only. One run deploys to
 * several environments, so the run names none; each `deploy-<env>` TaskRun carries its own
 * environment (see {@link deploymentLabels}).
 */
export function runLabels(options: GenerateOptions): Record<string, string> {
  return componentLabels(options);
}

/**
 * Labels of a deploy task's TaskRun (`taskSpec.metadata.labels`, which Tekton copies onto the
 * TaskRun and its pod): `slipway.dev/environment: <env>`. A TaskRun with this label that
 * succeeded is one deployment to that environment, at the revision and version in its results.
 */
export function deploymentLabels(
  env: EnvironmentOptions,
): Record<string, string> {
  return { [LABEL_DELIVERY_ENVIRONMENT]: env.name };
}
