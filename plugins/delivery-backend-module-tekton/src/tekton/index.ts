/*
 * Pure mappers from Tekton objects (PipelineRun, TaskRun, CustomRun, Run in tekton.dev/v1,
 * v1beta1 and v1alpha1) to Slipway's run model.
 */
export type {
  TektonChildReference,
  TektonCondition,
  TektonEmbeddedChildStatus,
  TektonNamedValue,
  TektonObjectMeta,
  TektonOwnerReference,
  TektonPipelineRun,
  TektonPipelineRunStatus,
  TektonPipelineSpec,
  TektonRunStatusBase,
  TektonStepState,
  TektonTaskRun,
  TektonTaskRunStatus,
} from './objects';
export type { TektonRunState } from './status';
export {
  CANCELLED_REASONS,
  PENDING_REASONS,
  TIMED_OUT_REASONS,
  runStateOf,
  succeededCondition,
} from './status';
export type { TaskRunContext } from './taskRunToTask';
export { stepToTaskStep, taskRunToTask } from './taskRunToTask';
export type { PipelineRunToRecordOptions } from './pipelineRunToRecord';
export {
  ENVIRONMENT_LABEL,
  RERUN_OF_LABEL,
  pipelineRunToRecord,
} from './pipelineRunToRecord';
export { gitInfoOf } from './gitInfo';
export {
  childNames,
  isChildOf,
  matchesChildNamePattern,
  parentPipelineRunName,
} from './relations';
