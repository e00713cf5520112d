import { KubeObject } from '../types';
import { ClusterObjects } from './clusterObjects';
import { PipelineGraph, pipelineGraph } from './graph';
import { asArray, asRecord, namedValues } from './model';
import { paramSpecs, pipelineRunParams } from './params';
import { ResolvedPipeline, ResolvedTask, resolveTask } from './resolve';
import { Variables, substitute } from './variables';
import { RunWorkspaces } from './workspaces';

/** Everything a PipelineRun needs before its first TaskRun. */
export interface PreparedRun {
  graph: PipelineGraph;
  /** `params.*`, `context.pipelineRun.*`, `context.pipeline.name`, `workspaces.<w>.bound`. */
  vars: Variables;
  tasks: Map<string, ResolvedTask>;
  workspaces: RunWorkspaces;
}

/**
 * The checks and resolution the PipelineRun reconciler does before it creates TaskRuns: the
 * pipeline spec (`PipelineValidationFailed`, `PipelineInvalidGraph`), the params
 * (`ParameterMissing`, `ParameterTypeMismatch`), every task's Task (`CouldntGetTask`) and the
 * workspace bindings (`InvalidWorkspaceBindings`). Throws a `RunFailure`.
 */
export async function prepareRun(
  run: KubeObject,
  pipeline: ResolvedPipeline,
  objects: ClusterObjects,
  workspaceDirs: Record<string, string>,
): Promise<PreparedRun> {
  const namespace = run.metadata.namespace ?? '';
  const where = {
    namespace,
    runName: run.metadata.name,
    pipelineName: pipeline.name,
  };
  const graph = pipelineGraph(pipeline.spec, where);
  const params = pipelineRunParams(
    paramSpecs(pipeline.spec.params),
    namedValues(asRecord(run.spec).params),
    where,
  );
  const vars = new Variables()
    .setAll('params', params)
    .set('context.pipelineRun.name', run.metadata.name)
    .set('context.pipelineRun.namespace', namespace)
    .set('context.pipelineRun.uid', run.metadata.uid)
    .set('context.pipeline.name', pipeline.name)
    .set('context.pipelineTask.retries', '0');
  const tasks = new Map<string, ResolvedTask>();
  for (const task of [...graph.tasks, ...graph.finallyTasks]) {
    const taskRef = substitute(task.taskRef, vars);
    tasks.set(
      task.name,
      resolveTask({ ...task, taskRef }, namespace, pipeline.name, objects),
    );
  }
  const workspaces = await RunWorkspaces.create(
    run,
    pipeline.spec,
    workspaceDirs,
    objects,
  );
  const bound = new Set(workspaces.bound());
  for (const { name } of asArray<{ name: string }>(pipeline.spec.workspaces)) {
    vars.set(`workspaces.${name}.bound`, bound.has(name) ? 'true' : 'false');
  }
  return { graph, vars, tasks, workspaces };
}
