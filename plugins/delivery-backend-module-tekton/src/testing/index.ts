/**
 * Test utilities: a local Kubernetes-protocol API server for tests through
 * the real `@kubernetes/client-node`.
 *
 * @packageDocumentation
 */
export { FakeKubeApiServer } from './FakeKubeApiServer';
export type { FakeKubeApiServerOptions } from './FakeKubeApiServer';
export { allKubeResources, kubeResources } from './resourceDefinitions';
export { startInformer } from './testKube';
export type { TestInformer } from './testKube';
export { waitFor } from './waitFor';
export type {
  DraftObject,
  KubeObject,
  KubeObjectMeta,
  RecordedRequest,
  ResourceDefinition,
  TektonPlural,
  TektonVersion,
} from './types';
export {
  TektonTestExecutor,
  defaultTaskHandler,
  failWith,
  runScriptStep,
  succeedWith,
} from './executor';
export type {
  StepOutcome,
  TaskHandler,
  TaskHandlerContext,
  TaskOutcome,
  TektonTestExecutorOptions,
} from './executor';
