import { KubeObject } from '../types';
import { PreparedRun } from './prepareRun';
import { childReference } from './taskRunObject';
import {
  ExecutionServices,
  TaskRunEnd,
  runTaskRun,
  taskRunNameFor,
} from './TaskRunner';
import { Decision } from './scheduling';
import { substitute } from './variables';
import { whenExpressions } from './when';

/** A TaskRun on its way: its name, its end, and how to cancel it. */
export interface LaunchedTask {
  taskRunName: string;
  done: Promise<TaskRunEnd>;
  abort: AbortController;
}

/**
 * Starts the TaskRun of a pipeline task the scheduler decided to start: the pipeline's
 * variables substituted into its params, `when` and `taskRef`, its workspaces prepared, its
 * cancellation tied to the executor's stop. `onCreated` gets the run's childReference entry
 * once the TaskRun exists.
 */
export async function launchTask(
  services: ExecutionServices & { stopSignal: AbortSignal },
  decision: Extract<Decision, { kind: 'start' }>,
  run: KubeObject,
  prepared: PreparedRun,
  onCreated: (childReference: object) => void,
): Promise<LaunchedTask> {
  const { task, isFinally, vars } = decision;
  const substituted = {
    ...task,
    params: substitute(task.params, vars),
    taskRef: substitute(task.taskRef, vars),
    when: substitute(whenExpressions(task), vars),
  };
  const taskRunName = taskRunNameFor(run, task);
  const abort = new AbortController();
  const onStop = () => abort.abort();
  services.stopSignal.addEventListener('abort', onStop, { once: true });
  const workspaces = await prepared.workspaces.forTask(task);
  const done = runTaskRun(services, {
    run,
    task: substituted,
    resolved: prepared.tasks.get(task.name)!,
    isFinally,
    pipelineVars: vars,
    workspaces,
    workspaceBindings: prepared.workspaces.bindingsForTask(task),
    signal: abort.signal,
    onCreated: () => onCreated(childReference(taskRunName, substituted)),
  }).finally(() => services.stopSignal.removeEventListener('abort', onStop));
  return { taskRunName, done, abort };
}
