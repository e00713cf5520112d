/**
 * Contracts shared by the Slipway delivery plugins: annotation names, permissions and the
 * types the REST API speaks.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './runTypes';
export * from './findingTypes';
export * from './doraTypes';
export * from './approvalTypes';
export * from './pipelineTypes';
