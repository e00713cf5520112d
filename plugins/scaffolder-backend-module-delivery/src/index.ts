/**
 * Scaffolder actions that wire new repositories to Slipway delivery.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDelivery as default } from './module';
export { createBuildAnnotationsAction } from './actions/buildAnnotations';
export { createGenerateTektonAction } from './actions/generateTekton';
export { validatePipeline } from './tekton/validatePipeline';
export type { PipelineSpecLike } from './tekton/validatePipeline';
