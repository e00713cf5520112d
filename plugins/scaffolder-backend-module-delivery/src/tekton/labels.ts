import {
  ANNOTATION_KUBERNETES_ID,
  LABEL_DELIVERY_ENVIRONMENT,
} from '@slipway/plugin-delivery-common';
import { GenerateOptions } from './types';

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
 * Labels of a PipelineRun: the component, and the last environment it deploys to (a run that
 * succeeds has deployed there; Slipway counts it as that environment's deployment).
 */
export function runLabels(options: GenerateOptions): Record<string, string> {
  const last = options.environments[options.environments.length - 1];
  return {
    ...componentLabels(options),
    ...(last ? { [LABEL_DELIVERY_ENVIRONMENT]: last.name } : {}),
  };
}
