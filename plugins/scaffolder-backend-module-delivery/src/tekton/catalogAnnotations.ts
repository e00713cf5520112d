import { DEPLOY_PIPELINE_PARAMS, deployPipelineName } from './deployPipeline';
import { GenerateOptions } from './types';

/** Catalog annotation naming the Tekton Pipeline that deploys one environment at one revision. */
export const ANNOTATION_DEPLOY_PIPELINE = 'slipway.dev/deploy-pipeline';
/** The namespace that Pipeline (and its runs) live in. */
export const ANNOTATION_DEPLOY_PIPELINE_NAMESPACE =
  'slipway.dev/deploy-pipeline-namespace';
/** The params it takes, comma-separated, in the order of `DEPLOY_PIPELINE_PARAMS`. */
export const ANNOTATION_DEPLOY_PIPELINE_PARAMS =
  'slipway.dev/deploy-pipeline-params';
/** The ServiceAccount its runs must use (the one allowed to deploy into the environments). */
export const ANNOTATION_DEPLOY_SERVICE_ACCOUNT =
  'slipway.dev/deploy-service-account';

/**
 * The annotations the component's `catalog-info.yaml` carries so that Slipway can start the
 * deploy pipeline for an approved promotion or a rollback: which Pipeline, where, with which
 * params and as which ServiceAccount.
 */
export function catalogAnnotations(
  options: GenerateOptions,
): Record<string, string> {
  return {
    [ANNOTATION_DEPLOY_PIPELINE]: deployPipelineName(options),
    [ANNOTATION_DEPLOY_PIPELINE_NAMESPACE]: options.ciNamespace,
    [ANNOTATION_DEPLOY_PIPELINE_PARAMS]: DEPLOY_PIPELINE_PARAMS.join(','),
    [ANNOTATION_DEPLOY_SERVICE_ACCOUNT]: options.serviceAccountName,
  };
}
