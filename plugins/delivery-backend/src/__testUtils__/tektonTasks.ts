import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';

/** A Task of templates/tekton, parsed. */
export interface TektonTask {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    params: Array<{ name: string; default?: unknown }>;
    results?: Array<{ name: string }>;
    workspaces?: Array<{ name: string }>;
    steps: Array<{ name: string; image: string; script: string }>;
  };
}

export function loadTask(name: string): TektonTask {
  const file = path.resolve(
    __dirname,
    `../../../../templates/tekton/${name}.yaml`,
  );
  return parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Checks what the Tekton controller would reject or leave unresolved: the kind, unique names,
 * string defaults, and that every `$(params.x)`, `$(results.x.path)` and `$(workspaces.x.…)`
 * the Task uses is declared.
 */
export function taskProblems(task: TektonTask): string[] {
  const problems: string[] = [];
  if (task.apiVersion !== 'tekton.dev/v1' || task.kind !== 'Task') {
    problems.push(`not a tekton.dev/v1 Task: ${task.apiVersion} ${task.kind}`);
  }
  const text = JSON.stringify(task);
  const check = (what: string, declared: string[], pattern: RegExp) => {
    if (new Set(declared).size !== declared.length)
      problems.push(`duplicate ${what} names`);
    for (const [, used] of text.matchAll(pattern)) {
      if (!declared.includes(used))
        problems.push(`${what} '${used}' is used but not declared`);
    }
  };
  check(
    'param',
    task.spec.params.map(p => p.name),
    /\$\(params\.([a-z0-9-]+)\)/g,
  );
  check(
    'result',
    (task.spec.results ?? []).map(r => r.name),
    /\$\(results\.([a-z0-9-]+)\.path\)/g,
  );
  check(
    'workspace',
    (task.spec.workspaces ?? []).map(w => w.name),
    /\$\(workspaces\.([a-z0-9-]+)\./g,
  );
  for (const p of task.spec.params) {
    if (p.default !== undefined && typeof p.default !== 'string') {
      problems.push(`param '${p.name}' has a non-string default`);
    }
  }
  for (const step of task.spec.steps) {
    if (!step.name || !step.image || !step.script)
      problems.push(`step '${step.name}' is incomplete`);
  }
  return problems;
}

/**
 * Runs the first step's script with Node, as the Task's container would, with the given
 * environment; `results` is the folder the step writes its results to.
 */
export function startTaskScript(task: TektonTask, env: Record<string, string>) {
  const results = fs.mkdtempSync(path.join(os.tmpdir(), 'results-'));
  const child = spawn(process.execPath, ['-e', task.spec.steps[0].script], {
    env: { PATH: process.env.PATH, RESULTS_DIR: results, ...env },
  });
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  const done = new Promise<{ code: number; output: string }>(resolve =>
    child.on('close', code => resolve({ code: code ?? -1, output })),
  );
  const result = (name: string) => {
    const file = path.join(results, name);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  return { done, result };
}
