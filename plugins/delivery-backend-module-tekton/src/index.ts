/**
 * Tekton pipeline provider for the Slipway delivery backend.
 *
 * @packageDocumentation
 */
export { deliveryModuleTekton as default } from './module/tektonModule';
export { TektonPipelineProvider } from './provider/TektonPipelineProvider';
export type { TektonClusterConfig } from './provider/readTektonClusters';
