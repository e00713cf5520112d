import { KubeObject } from '../types';
import { PipelineTask, asArray, asRecord, stringMap } from './model';
import { ResolvedPipeline, ResolvedTask } from './resolve';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MANAGED_BY = 'app.kubernetes.io/managed-by';

function withoutLastApplied(annotations: Record<string, string>) {
  const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
  return rest;
}

/** Entries of `extra` whose keys `base` does not have yet. */
function missingFrom(
  base: Record<string, string>,
  extra: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(extra).filter(([key]) => !(key in base)),
  );
}

/**
 * The PipelineRun's metadata once the controller resolved its Pipeline: the Pipeline's labels
 * and annotations under the run's own (the run's win), and `tekton.dev/pipeline` naming the
 * Pipeline (the run itself for an embedded spec).
 */
export function pipelineRunMetadata(
  run: KubeObject,
  pipeline: ResolvedPipeline,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  return {
    labels: {
      ...pipeline.labels,
      ...stringMap(run.metadata.labels),
      'tekton.dev/pipeline': pipeline.name,
    },
    annotations: withoutLastApplied({
      ...pipeline.annotations,
      ...stringMap(run.metadata.annotations),
    }),
  };
}

/** The PipelineRun's `spec.taskRunSpecs` entry for a pipeline task. */
export function taskRunSpecOf(
  run: KubeObject,
  pipelineTaskName: string,
): Record<string, unknown> {
  return asRecord(
    asArray(asRecord(run.spec).taskRunSpecs).find(
      s => asRecord(s).pipelineTaskName === pipelineTaskName,
    ),
  );
}

/**
 * A TaskRun's metadata as Tekton builds it, by precedence: the run's `taskRunSpecs` metadata,
 * then the PipelineRun's labels with `tekton.dev/pipelineRun`, `tekton.dev/pipelineRunUID`,
 * `tekton.dev/pipelineTask` and `tekton.dev/memberOf`, then an embedded `taskSpec.metadata`
 * (wins); then, as the TaskRun reconciler does, a referenced Task's labels and annotations where
 * the TaskRun has none of that key, `tekton.dev/task`, and the default
 * `app.kubernetes.io/managed-by: tekton-pipelines`.
 */
export function taskRunMetadata(
  run: KubeObject,
  task: PipelineTask,
  resolved: ResolvedTask,
  isFinally: boolean,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const fromSpec = asRecord(taskRunSpecOf(run, task.name).metadata);
  const embedded = resolved.embedded ? asRecord(resolved.spec.metadata) : {};
  const labels: Record<string, string> = {
    ...stringMap(fromSpec.labels),
    ...stringMap(run.metadata.labels),
    'tekton.dev/pipelineRun': run.metadata.name,
    'tekton.dev/pipelineRunUID': run.metadata.uid,
    'tekton.dev/pipelineTask': task.name,
    'tekton.dev/memberOf': isFinally ? 'finally' : 'tasks',
    ...stringMap(embedded.labels),
  };
  const annotations = withoutLastApplied({
    ...stringMap(fromSpec.annotations),
    ...stringMap(run.metadata.annotations),
    ...stringMap(embedded.annotations),
  });
  if (resolved.task) {
    Object.assign(labels, missingFrom(labels, resolved.task.labels));
    Object.assign(
      annotations,
      missingFrom(annotations, withoutLastApplied(resolved.task.annotations)),
    );
    labels['tekton.dev/task'] = resolved.task.name;
  }
  if (!labels[MANAGED_BY]) labels[MANAGED_BY] = 'tekton-pipelines';
  return { labels, annotations };
}
