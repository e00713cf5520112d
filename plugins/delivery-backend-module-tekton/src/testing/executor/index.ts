/*
 * A test executor with Tekton's semantics: plays the Tekton controller against a
 * FakeKubeApiServer.
 */
export { TektonTestExecutor } from './TektonTestExecutor';
export { runScriptStep } from './runScriptStep';
export { defaultTaskHandler, failWith, succeedWith } from './taskHandlers';
export type {
  ParamValue,
  PipelineTask,
  StepOutcome,
  TaskHandler,
  TaskHandlerContext,
  TaskOutcome,
  TaskSpec,
  TektonTestExecutorOptions,
} from './types';
