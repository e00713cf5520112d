import {
  ANNOTATION_DEPLOY_PIPELINE,
  ANNOTATION_DEPLOY_PIPELINE_NAMESPACE,
  ANNOTATION_DEPLOY_PIPELINE_PARAMS,
  ANNOTATION_DEPLOY_SERVICE_ACCOUNT,
} from '@slipway/plugin-delivery-common';
import { DEPLOY_PIPELINE_PARAMS, deployPipelineName } from './deployPipeline';
import { GenerateOptions } from './types';

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
