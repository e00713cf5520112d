import { PipelineGraph, usesOf } from './graph';
import { PipelineTask, WhenExpression } from './model';
import { RunState, SKIP } from './runState';
import { Variables, resultReferences, substitute } from './variables';
import { whenAllows, whenExpressions } from './when';

/** A graceful stop asked for with `spec.status`. */
export type GracefulStop = 'CancelledRunFinally' | 'StoppedRunFinally';

export type Decision =
  | { kind: 'start'; task: PipelineTask; isFinally: boolean; vars: Variables }
  | {
      kind: 'skip';
      name: string;
      reason: string;
      whenExpressions?: WhenExpression[];
    }
  | { kind: 'fail'; reason: string; message: string };

/**
 * Whether the results a task uses are there: `undefined` when they are, a skip when a producer
 * did not succeed (`Results were missing`), a run failure when a producer succeeded without
 * the result (`InvalidTaskResultReference`).
 */
function resultCheck(
  task: PipelineTask,
  state: RunState,
): Decision | undefined {
  for (const ref of resultReferences(usesOf(task))) {
    if (ref.section !== 'tasks') continue;
    const producer = state.get(ref.task);
    if (producer.phase !== 'succeeded') {
      return { kind: 'skip', name: task.name, reason: SKIP.missingResults };
    }
    if (!(ref.result in producer.results)) {
      return {
        kind: 'fail',
        reason: 'InvalidTaskResultReference',
        message: `Invalid task result reference: Could not find result with name ${ref.result} for task ${ref.task}`,
      };
    }
  }
  return undefined;
}

/** Start, or skip for its `when` expressions. */
function startOrSkip(
  task: PipelineTask,
  isFinally: boolean,
  vars: Variables,
): Decision {
  const when = substitute(whenExpressions(task), vars);
  if (!whenAllows(when)) {
    return {
      kind: 'skip',
      name: task.name,
      reason: SKIP.when,
      whenExpressions: when,
    };
  }
  return { kind: 'start', task, isFinally, vars };
}

function nextDagDecision(
  task: PipelineTask,
  state: RunState,
  graph: PipelineGraph,
  base: Variables,
  stop: GracefulStop | undefined,
): Decision | undefined {
  const skip = (reason: string): Decision => ({
    kind: 'skip',
    name: task.name,
    reason,
  });
  if (stop === 'CancelledRunFinally') return skip(SKIP.gracefullyCancelled);
  if (stop === 'StoppedRunFinally') return skip(SKIP.gracefullyStopped);
  if (state.stopping()) return skip(SKIP.stopping);
  const parents = graph.parents.get(task.name) ?? [];
  if (!parents.every(p => state.isDone(p))) return undefined;
  const parentSkipped = parents.some(p => {
    const parent = state.get(p);
    return parent.phase === 'skipped' && parent.skip?.reason !== SKIP.when;
  });
  if (parentSkipped) return skip(SKIP.parentSkipped);
  return (
    resultCheck(task, state) ??
    startOrSkip(task, false, state.variables(base, false))
  );
}

/**
 * The next thing the PipelineRun reconciler does, or `undefined` when it must wait for a
 * running task, the way Tekton schedules: a DAG task starts once every parent (`runAfter`,
 * tasks whose results it uses) is done, unless the run is stopping (a DAG task failed: every
 * task not started is skipped), a parent was skipped for another reason than its `when`
 * expressions, a result it uses is missing, or its `when` expressions are false. Finally tasks
 * start when every DAG task is done, with `$(tasks.<t>.status)` and `$(tasks.status)` known.
 */
export function nextDecision(
  state: RunState,
  graph: PipelineGraph,
  base: Variables,
  stop?: GracefulStop,
): Decision | undefined {
  for (const task of graph.tasks) {
    if (state.get(task.name).phase !== 'waiting') continue;
    const decision = nextDagDecision(task, state, graph, base, stop);
    if (decision) return decision;
  }
  if (!state.dagDone()) return undefined;
  for (const task of graph.finallyTasks) {
    if (state.get(task.name).phase !== 'waiting') continue;
    const check = resultCheck(task, state);
    if (check) {
      return check.kind === 'fail'
        ? { kind: 'skip', name: task.name, reason: SKIP.missingResults }
        : check;
    }
    return startOrSkip(task, true, state.variables(base, true));
  }
  return undefined;
}
