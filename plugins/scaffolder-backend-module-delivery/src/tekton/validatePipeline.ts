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

const REFERENCE = /\$\((params|workspaces)\.([A-Za-z0-9_-]+)/g;

function collectReferences(value: unknown, found: Array<[string, string]>) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REFERENCE)) found.push([m[1], m[2]]);
  } else if (Array.isArray(value)) {
    value.forEach(v => collectReferences(v, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => collectReferences(v, found));
  }
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

/**
 * Checks a Pipeline spec: every runAfter names a task, every `$(params.x)` and
 * `$(workspaces.x)` used is declared, task names are unique and the graph has no cycle.
 * Returns the problems found; an empty list means valid.
 *
 * @public
 */
export function validatePipeline(spec: PipelineSpecLike): string[] {
  const problems: string[] = [];
  const all = [...spec.tasks, ...(spec.finally ?? [])];
  const names = new Set<string>();
  for (const t of all) {
    if (names.has(t.name)) problems.push(`duplicate task name "${t.name}"`);
    names.add(t.name);
  }
  for (const t of spec.tasks) {
    for (const dep of t.runAfter ?? []) {
      if (!names.has(dep)) {
        problems.push(`task "${t.name}" runs after unknown task "${dep}"`);
      }
    }
  }
  const declared = {
    params: new Set((spec.params ?? []).map(p => p.name)),
    workspaces: new Set((spec.workspaces ?? []).map(w => w.name)),
  };
  const used: Array<[string, string]> = [];
  collectReferences(all, used);
  for (const [kind, name] of used) {
    if (!declared[kind as keyof typeof declared].has(name)) {
      problems.push(`${kind} "${name}" is used but not declared`);
    }
  }
  const cycle = findCycle(spec.tasks);
  if (cycle) problems.push(`runAfter cycle: ${cycle.join(' -> ')}`);
  return [...new Set(problems)];
}
