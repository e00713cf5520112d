import { collectReferences } from './references';

/** The parts of an inline Tekton Task spec (and the task using it) that the check reads. */
export interface InlineTaskLike {
  name: string;
  params?: Array<{ name: string }>;
  workspaces?: Array<{ name: string; workspace?: string }>;
  taskSpec?: {
    params?: Array<{ name: string; default?: unknown }>;
    workspaces?: Array<{ name: string; optional?: boolean }>;
    results?: Array<{ name: string }>;
    volumes?: Array<{ name: string }>;
    steps?: Array<{ name?: string; volumeMounts?: Array<{ name: string }> }>;
    [key: string]: unknown;
  };
}

/**
 * Checks one pipeline task's inline `taskSpec`: the params, workspaces and results its steps use
 * are declared in the spec, every volume a step mounts is one of the spec's `volumes`, and the
 * task passes every param without a default and binds every workspace that is not optional.
 */
export function validateTaskSpec(task: InlineTaskLike): string[] {
  const spec = task.taskSpec;
  if (!spec) return [];
  const problems: string[] = [];
  const declared = {
    params: new Set((spec.params ?? []).map(p => p.name)),
    workspaces: new Set((spec.workspaces ?? []).map(w => w.name)),
    results: new Set((spec.results ?? []).map(r => r.name)),
  };
  for (const ref of collectReferences(spec)) {
    if (ref.kind !== 'tasks' && !declared[ref.kind].has(ref.name)) {
      problems.push(
        `task "${task.name}": ${ref.kind} "${ref.name}" is used but not declared in its taskSpec`,
      );
    }
  }
  const volumes = new Set((spec.volumes ?? []).map(v => v.name));
  for (const step of spec.steps ?? []) {
    for (const mount of step.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) {
        problems.push(
          `task "${task.name}": step "${step.name}" mounts volume "${mount.name}", which its taskSpec does not declare`,
        );
      }
    }
  }
  const passed = new Set((task.params ?? []).map(p => p.name));
  for (const p of spec.params ?? []) {
    if (p.default === undefined && !passed.has(p.name)) {
      problems.push(`task "${task.name}": param "${p.name}" is not passed`);
    }
  }
  const bound = new Set((task.workspaces ?? []).map(w => w.name));
  for (const w of spec.workspaces ?? []) {
    if (!w.optional && !bound.has(w.name)) {
      problems.push(`task "${task.name}": workspace "${w.name}" is not bound`);
    }
  }
  return problems;
}
