import { GenerateOptions } from './types';

/** Names of the Slipway Tasks in `templates/tekton/`. */
export const SLIPWAY_TASKS = {
  uploadFindings: 'slipway-upload-findings',
  approvalGate: 'slipway-approval-gate',
} as const;

/**
 * A `taskRef` to one of the Slipway Tasks: by name when they are installed in the pipeline's own
 * namespace, else through Tekton's cluster resolver from the namespace that holds them.
 */
export function slipwayTaskRef(
  name: string,
  options: Pick<GenerateOptions, 'slipwayTasksNamespace'>,
): Record<string, unknown> {
  if (!options.slipwayTasksNamespace) return { kind: 'Task', name };
  return {
    resolver: 'cluster',
    params: [
      { name: 'kind', value: 'task' },
      { name: 'name', value: name },
      { name: 'namespace', value: options.slipwayTasksNamespace },
    ],
  };
}

/** The params every Slipway Task takes from the pipeline. */
export const SLIPWAY_PARAMS = [
  { name: 'slipway-url', value: '$(params.slipway-url)' },
  { name: 'entity-ref', value: '$(params.entity-ref)' },
  // a Task cannot read its PipelineRun's uid itself; links uploads and requests to the run
  { name: 'pipeline-run-uid', value: '$(context.pipelineRun.uid)' },
];
