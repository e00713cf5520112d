/**
 * Scaffolder actions that wire new repositories to Slipway delivery.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDelivery as default } from './module';
export { createApplyTektonAction } from './actions/applyTekton';
export { createBuildAnnotationsAction } from './actions/buildAnnotations';
export { createEnvironmentsAction } from './actions/createEnvironments';
export { createGenerateTektonAction } from './actions/generateTekton';
export { validatePipeline } from './tekton/validatePipeline';
export type { PipelineSpecLike } from './tekton/validatePipeline';
