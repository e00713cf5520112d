/**
 * Node.js library for Slipway delivery backend modules: the extension points that provider
 * modules (Tekton, and CI systems after it) implement.
 *
 * @packageDocumentation
 */
export * from './approvalSources';
export * from './extensions';
export * from './findings';
export * from './providers';
export * from './pipelineTokens';
