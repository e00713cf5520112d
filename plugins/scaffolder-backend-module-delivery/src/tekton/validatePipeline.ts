import { collectReferences } from './references';
import { InlineTaskLike, validateTaskSpec } from './validateTaskSpec';

/**
 * The shape of a Tekton Pipeline that Slipway generates and checks.
 *
 * @public
 */
export interface PipelineSpecLike {
  params?: Array<{ name: string }>;
  workspaces?: Array<{ name: string }>;
  tasks: Array<{ name: string; runAfter?: string[]; [key: string]: unknown }>;
  finally?: Array<{ name: string; [key: string]: unknown }>;
}

function findCycle(tasks: PipelineSpecLike['tasks']): string[] | undefined {
  const edges = new Map(tasks.map(t => [t.name, t.runAfter ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path, name];
    state.set(name, 'visiting');
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const t of tasks) {
    const cycle = visit(t.name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Results a task declares, when it says (inline taskSpec); undefined when it refers to a Task. */
function declaredResults(task: InlineTaskLike): Set<string> | undefined {
  return task.taskSpec
    ? new Set((task.taskSpec.results ?? []).map(r => r.name))
    : undefined;
}

/**
 * Checks a Pipeline spec: every runAfter names a task, task names are unique, the graph has no
 * cycle; every `$(params.x)` and `$(workspaces.x)` the pipeline uses and every workspace a task
 * binds is declared; every `$(tasks.t.results.r)` names a task (and, for an inline task, one of
 * its results); and every inline `taskSpec` is consistent in itself (see `validateTaskSpec`).
 * Returns the problems found; an empty list means valid.
 *
 * @public
 */
export function validatePipeline(spec: PipelineSpecLike): string[] {
  const problems: string[] = [];
  const all = [...spec.tasks, ...(spec.finally ?? [])] as Array<
    InlineTaskLike & { runAfter?: string[] }
  >;
  const byName = new Map<string, InlineTaskLike>();
  for (const t of all) {
    if (byName.has(t.name)) problems.push(`duplicate task name "${t.name}"`);
    byName.set(t.name, t);
  }
  for (const t of spec.tasks) {
    for (const dep of t.runAfter ?? []) {
      if (!byName.has(dep)) {
        problems.push(`task "${t.name}" runs after unknown task "${dep}"`);
      }
    }
  }
  const declared = {
    params: new Set((spec.params ?? []).map(p => p.name)),
    workspaces: new Set((spec.workspaces ?? []).map(w => w.name)),
  };
  for (const ref of collectReferences(all, ['taskSpec'])) {
    if (ref.kind === 'tasks') {
      const [task, result] = ref.name.split('/');
      const target = byName.get(task);
      if (!target) {
        problems.push(`result "${result}" of unknown task "${task}" is used`);
      } else if (declaredResults(target)?.has(result) === false) {
        problems.push(`task "${task}" has no result "${result}"`);
      }
    } else if (ref.kind !== 'results' && !declared[ref.kind].has(ref.name)) {
      problems.push(`${ref.kind} "${ref.name}" is used but not declared`);
    }
  }
  for (const t of all) {
    for (const w of t.workspaces ?? []) {
      if (w.workspace && !declared.workspaces.has(w.workspace)) {
        problems.push(`workspaces "${w.workspace}" is used but not declared`);
      }
    }
    problems.push(...validateTaskSpec(t));
  }
  const cycle = findCycle(spec.tasks);
  if (cycle) problems.push(`runAfter cycle: ${cycle.join(' -> ')}`);
  return [...new Set(problems)];
}
