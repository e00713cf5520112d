import { join } from 'node:path';
import { KubeObject } from '../types';
import { NamedValue, ParamValue, TaskSpec, asArray } from './model';
import { Variables, substitute } from './variables';

/**
 * An embedded taskSpec as the TaskRun carries it: the pipeline's variables (params, context,
 * task results) substituted into it, except the params the pipeline task passes, which the
 * Task's own `$(params.x)` means (Tekton's implicit param propagation).
 */
export function propagateIntoTaskSpec(
  spec: TaskSpec,
  passed: NamedValue[],
  pipelineVars: Variables,
): TaskSpec {
  const scope = pipelineVars.child();
  for (const { name } of passed)
    scope.set(`params.${name}`, `$(params.${name})`);
  const { metadata: _metadata, ...rest } = spec;
  return substitute(rest, scope);
}

/**
 * The variables of a TaskRun's steps: `params.*` (the TaskRun's with the Task's defaults),
 * `context.taskRun.name|namespace|uid`, `context.task.name|retry-count`,
 * `results.<r>.path`, `workspaces.<w>.path|bound|claim|volume`.
 */
export function taskRunVariables(args: {
  taskRun: KubeObject;
  taskName: string;
  params: Map<string, ParamValue>;
  spec: TaskSpec;
  resultsDir: string;
  workspaces: Record<string, string>;
}): Variables {
  const { taskRun, spec } = args;
  const vars = new Variables()
    .setAll('params', args.params)
    .set('context.taskRun.name', taskRun.metadata.name)
    .set('context.taskRun.namespace', taskRun.metadata.namespace ?? '')
    .set('context.taskRun.uid', taskRun.metadata.uid)
    .set('context.task.name', args.taskName)
    .set('context.task.retry-count', '0');
  for (const { name } of asArray<{ name: string }>(spec.results)) {
    vars.set(`results.${name}.path`, join(args.resultsDir, name));
  }
  const declared = asArray<{ name: string }>(spec.workspaces).map(w => w.name);
  // an embedded taskSpec also sees the workspaces its pipeline task binds (propagation)
  for (const name of new Set([...declared, ...Object.keys(args.workspaces)])) {
    const dir = args.workspaces[name];
    vars
      .set(`workspaces.${name}.path`, dir ?? '')
      .set(`workspaces.${name}.bound`, dir ? 'true' : 'false')
      .set(`workspaces.${name}.claim`, '')
      .set(`workspaces.${name}.volume`, name);
  }
  return vars;
}
