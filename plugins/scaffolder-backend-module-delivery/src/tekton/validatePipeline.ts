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
  /** Pipeline results: `value` refers to task results, e.g. `$(tasks.validate.results.accuracy)`. */
  results?: Array<{ name: string; value?: unknown }>;
}

/** A Kubernetes label value: at most 63 characters, alphanumerics with `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A label key: an optional DNS-subdomain prefix and `/`, then a name like a value (not empty). */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Problems of a task's `when` expressions (Tekton knows the operators `in` and `notin`). */
function whenProblems(task: { name: string; when?: unknown }): string[] {
  if (task.when === undefined) return [];
  if (!Array.isArray(task.when)) {
    return [`task "${task.name}": when must be a list`];
  }
  const problems: string[] = [];
  for (const w of task.when as Array<Record<string, unknown>>) {
    if (typeof w?.input !== 'string' || w.input === '') {
      problems.push(`task "${task.name}": a when expression has no input`);
    }
    if (w?.operator !== 'in' && w?.operator !== 'notin') {
      problems.push(
        `task "${task.name}": when operator must be in or notin, got "${String(
          w?.operator,
        )}"`,
      );
    }
    if (
      !Array.isArray(w?.values) ||
      w.values.length === 0 ||
      w.values.some(v => typeof v !== 'string')
    ) {
      problems.push(
        `task "${task.name}": when values must be a non-empty list of strings`,
      );
    }
  }
  return problems;
}

/** Problems of the labels an inline taskSpec puts on its TaskRun. */
function labelProblems(task: InlineTaskLike): string[] {
  const labels = (task.taskSpec?.metadata as { labels?: unknown } | undefined)
    ?.labels;
  if (labels === undefined) return [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(
    labels as Record<string, unknown>,
  )) {
    const name = key.slice(key.indexOf('/') + 1);
    if (!LABEL_KEY.test(key) || name.length > 63 || key.length > 316) {
      problems.push(`task "${task.name}": "${key}" is not a valid label key`);
    }
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !LABEL_VALUE.test(value)
    ) {
      problems.push(
        `task "${task.name}": label "${key}" has an invalid value "${String(
          value,
        )}"`,
      );
    }
  }
  return problems;
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
 * binds is declared; every `$(tasks.t.results.r)` (in tasks and in the pipeline's `results`)
 * names a task (and, for an inline task, one of its results); pipeline result names are unique;
 * `when` expressions use `in` / `notin` with a non-empty list of values; the labels an inline
 * `taskSpec.metadata` puts on its TaskRun are valid label keys and values; and every inline
 * `taskSpec` is consistent in itself (see `validateTaskSpec`).
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
  const resultNames = new Set<string>();
  for (const r of spec.results ?? []) {
    if (resultNames.has(r.name)) {
      problems.push(`duplicate pipeline result "${r.name}"`);
    }
    resultNames.add(r.name);
  }
  for (const ref of collectReferences(
    [all, (spec.results ?? []).map(r => r.value)],
    ['taskSpec'],
  )) {
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
    problems.push(...whenProblems(t as { name: string; when?: unknown }));
    problems.push(...labelProblems(t));
    problems.push(...validateTaskSpec(t));
  }
  const cycle = findCycle(spec.tasks);
  if (cycle) problems.push(`runAfter cycle: ${cycle.join(' -> ')}`);
  return [...new Set(problems)];
}
