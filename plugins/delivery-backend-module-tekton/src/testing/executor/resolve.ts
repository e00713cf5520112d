import { KubeObject } from '../types';
import { ClusterObjects } from './clusterObjects';
import {
  PipelineSpec,
  PipelineTask,
  TaskSpec,
  asRecord,
  namedValues,
  str,
  stringMap,
  valueMap,
} from './model';

/** Resolution failed; `reason` is the one Tekton puts on the failed PipelineRun. */
export class RunFailure extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

export interface ResolvedPipeline {
  /** The Pipeline's name; the PipelineRun's own name for an embedded `pipelineSpec`. */
  name: string;
  spec: PipelineSpec;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ResolvedTask {
  spec: TaskSpec;
  /** The embedded `taskSpec`, else undefined. */
  embedded: boolean;
  /** The referenced Task's metadata. */
  task?: {
    name: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
}

/** `resolver: cluster` params: kind, name and namespace (default: the run's). */
function clusterResolverTarget(
  ref: Record<string, unknown>,
  namespace: string,
): { kind?: string; name?: string; namespace: string } {
  const params = valueMap(namedValues(ref.params));
  const text = (key: string) => {
    const value = params.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    kind: text('kind'),
    name: text('name'),
    namespace: text('namespace') ?? namespace,
  };
}

/**
 * The Pipeline a PipelineRun runs: its embedded `pipelineSpec`, or the Pipeline named by
 * `pipelineRef.name` (or by `pipelineRef` with `resolver: cluster`).
 */
export function resolvePipeline(
  run: KubeObject,
  objects: ClusterObjects,
): ResolvedPipeline {
  const spec = asRecord(run.spec);
  const { namespace = '', name } = run.metadata;
  if (spec.pipelineSpec !== undefined) {
    return {
      name,
      spec: asRecord(spec.pipelineSpec) as PipelineSpec,
      labels: stringMap(run.metadata.labels),
      annotations: stringMap(run.metadata.annotations),
    };
  }
  const ref = asRecord(spec.pipelineRef);
  let target: { name?: string; namespace: string } = {
    name: str(ref.name),
    namespace,
  };
  if (ref.resolver !== undefined) {
    const resolved = clusterResolverTarget(ref, namespace);
    if (ref.resolver !== 'cluster' || resolved.kind !== 'pipeline') {
      throw new RunFailure(
        'CouldntGetPipeline',
        `Error retrieving pipeline for pipelinerun ${namespace}/${name}: resolver "${ref.resolver}" (kind "${resolved.kind}") is not supported by TektonTestExecutor`,
      );
    }
    target = resolved;
  }
  const pipeline = target.name
    ? objects.pipeline(target.namespace, target.name)
    : undefined;
  if (!pipeline) {
    throw new RunFailure(
      'CouldntGetPipeline',
      `Error retrieving pipeline for pipelinerun ${namespace}/${name}: pipelines.tekton.dev "${
        target.name ?? ''
      }" not found`,
    );
  }
  const meta = asRecord(pipeline.metadata);
  return {
    name: target.name!,
    spec: asRecord(pipeline.spec) as PipelineSpec,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
  };
}

/**
 * The Task a pipeline task runs: its embedded `taskSpec`, or the Task its `taskRef` names (by
 * name, or with `resolver: cluster`). Throws a `CouldntGetTask` {@link RunFailure} otherwise,
 * including for custom tasks (a `taskRef` to another API group), which it does not run.
 */
export function resolveTask(
  task: PipelineTask,
  namespace: string,
  pipelineName: string,
  objects: ClusterObjects,
): ResolvedTask {
  const fail = (detail: string) =>
    new RunFailure(
      'CouldntGetTask',
      `Pipeline ${namespace}/${pipelineName} can't be Run; it contains Tasks that don't exist: ${detail}`,
    );
  if (task.taskSpec !== undefined) {
    return { spec: asRecord(task.taskSpec) as TaskSpec, embedded: true };
  }
  const ref = asRecord(task.taskRef);
  const apiVersion = str(ref.apiVersion);
  if (
    (apiVersion && !apiVersion.startsWith('tekton.dev/')) ||
    (ref.kind !== undefined && ref.kind !== 'Task')
  ) {
    throw fail(
      `Couldn't retrieve Task for "${task.name}": custom tasks (${
        apiVersion ?? ''
      } ${String(ref.kind)}) are not run by TektonTestExecutor`,
    );
  }
  let target: { name?: string; namespace: string } = {
    name: str(ref.name),
    namespace,
  };
  if (ref.resolver !== undefined) {
    const resolved = clusterResolverTarget(ref, namespace);
    if (ref.resolver !== 'cluster' || resolved.kind !== 'task') {
      throw fail(
        `Couldn't retrieve Task for "${task.name}": resolver "${ref.resolver}" (kind "${resolved.kind}") is not supported by TektonTestExecutor`,
      );
    }
    target = resolved;
  }
  const found = target.name
    ? objects.task(target.namespace, target.name)
    : undefined;
  if (!found) {
    throw fail(
      `Couldn't retrieve Task "${target.name ?? ''}": tasks.tekton.dev "${
        target.name ?? ''
      }" not found`,
    );
  }
  const meta = asRecord(found.metadata);
  return {
    spec: asRecord(found.spec) as TaskSpec,
    embedded: false,
    task: {
      name: target.name!,
      labels: stringMap(meta.labels),
      annotations: stringMap(meta.annotations),
    },
  };
}
