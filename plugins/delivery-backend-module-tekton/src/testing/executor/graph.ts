import { PipelineSpec, PipelineTask, asArray, str } from './model';
import { RunFailure } from './resolve';
import { resultReferences } from './variables';

/** A Pipeline's tasks with the order between them. */
export interface PipelineGraph {
  tasks: PipelineTask[];
  finallyTasks: PipelineTask[];
  /** DAG task → the tasks it waits for: `runAfter` and the tasks whose results it uses. */
  parents: Map<string, string[]>;
}

/** Where a task uses other tasks' results: params, when expressions, an embedded taskSpec. */
export function usesOf(task: PipelineTask): unknown[] {
  return [task.params, task.when, task.taskSpec, task.taskRef];
}

function validate(tasks: PipelineTask[], finallyTasks: PipelineTask[]) {
  const problems: string[] = [];
  const names = new Set<string>();
  const dagNames = new Set(tasks.map(t => t.name));
  for (const task of [...tasks, ...finallyTasks]) {
    if (!str(task.name)) {
      problems.push('a pipeline task has no name');
      continue;
    }
    if (names.has(task.name)) {
      problems.push(`pipeline task "${task.name}" is defined twice`);
    }
    names.add(task.name);
    if ((task.taskRef === undefined) === (task.taskSpec === undefined)) {
      problems.push(
        `pipeline task "${task.name}" needs exactly one of taskRef and taskSpec`,
      );
    }
    for (const when of asArray<{ operator?: unknown }>(task.when)) {
      if (when?.operator !== 'in' && when?.operator !== 'notin') {
        problems.push(
          `pipeline task "${
            task.name
          }" has a when expression with operator "${String(
            when?.operator,
          )}" (only "in" and "notin" are supported)`,
        );
      }
    }
    for (const ref of resultReferences(usesOf(task))) {
      if (ref.section === 'tasks' && !dagNames.has(ref.task)) {
        problems.push(
          `pipeline task "${task.name}" refers to the results of a non-existent task "${ref.task}"`,
        );
      }
    }
  }
  for (const task of tasks) {
    for (const parent of asArray<string>(task.runAfter)) {
      if (!dagNames.has(parent)) {
        problems.push(
          `pipeline task "${task.name}" runs after a non-existent task "${parent}"`,
        );
      }
    }
  }
  for (const task of finallyTasks) {
    if (asArray(task.runAfter).length > 0) {
      problems.push(`finally task "${task.name}" may not have runAfter`);
    }
  }
  return problems;
}

/** Tasks on or after a cycle, which can never start; [] when there is none (Kahn). */
function cycleMembers(parents: Map<string, string[]>): string[] {
  const remaining = new Map(
    [...parents].map(([name, ps]) => [name, new Set(ps)]),
  );
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [name, ps] of remaining) {
      if ([...ps].every(p => !remaining.has(p))) {
        remaining.delete(name);
        progressed = true;
      }
    }
  }
  return [...remaining.keys()];
}

/**
 * The graph of a pipeline spec, after checking it the way Tekton's validation does: names
 * unique and present, `taskRef` xor `taskSpec`, `runAfter` and result references to existing
 * tasks, `when` operators `in` / `notin` (`PipelineValidationFailed`), no cycle
 * (`PipelineInvalidGraph`).
 */
export function pipelineGraph(
  spec: PipelineSpec,
  where: { namespace: string; runName: string; pipelineName: string },
): PipelineGraph {
  const tasks = asArray<PipelineTask>(spec.tasks);
  const finallyTasks = asArray<PipelineTask>(spec.finally);
  const problems = validate(tasks, finallyTasks);
  if (tasks.length === 0) problems.unshift('a pipeline needs tasks');
  if (problems.length > 0) {
    throw new RunFailure(
      'PipelineValidationFailed',
      `Pipeline ${where.namespace}/${
        where.pipelineName
      } can't be Run; it has an invalid spec: ${problems.join('; ')}`,
    );
  }
  const parents = new Map<string, string[]>();
  for (const task of tasks) {
    const fromResults = resultReferences(usesOf(task))
      .filter(r => r.section === 'tasks')
      .map(r => r.task);
    parents.set(task.name, [
      ...new Set([...asArray<string>(task.runAfter), ...fromResults]),
    ]);
  }
  const cycle = cycleMembers(parents);
  if (cycle.length > 0) {
    throw new RunFailure(
      'PipelineInvalidGraph',
      `PipelineRun ${where.namespace}/${
        where.runName
      }'s Pipeline DAG is invalid for pipelinespec: cycle detected; tasks that can never start: ${cycle.join(
        ', ',
      )}`,
    );
  }
  return { tasks, finallyTasks, parents };
}
