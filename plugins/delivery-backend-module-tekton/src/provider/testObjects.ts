/**
 * Small Tekton v1 objects for ingestion tests: a PipelineRun with N tasks and its TaskRuns.
 */
type Outcome = 'running' | 'succeeded' | 'failed';

const CONDITION: Record<Outcome, { status: string; reason: string }> = {
  running: { status: 'Unknown', reason: 'Running' },
  succeeded: { status: 'True', reason: 'Succeeded' },
  failed: { status: 'False', reason: 'Failed' },
};

function condition(outcome: Outcome) {
  return [
    {
      type: 'Succeeded',
      ...CONDITION[outcome],
      lastTransitionTime: '2026-11-20T10:05:00Z',
    },
  ];
}

export interface TestRunSpec {
  namespace?: string;
  name: string;
  uid?: string;
  kubernetesId?: string;
  outcome?: Outcome;
  tasks?: string[];
  /** Start minute offset, so runs order predictably. */
  minute?: number;
}

/** A v1 PipelineRun and its TaskRuns (all tasks share the run's outcome). */
export function pipelineRunWithTasks(spec: TestRunSpec) {
  const namespace = spec.namespace ?? 'ci';
  const outcome = spec.outcome ?? 'succeeded';
  const tasks = spec.tasks ?? ['build', 'test'];
  const minute = String(spec.minute ?? 0).padStart(2, '0');
  const start = `2026-11-20T10:${minute}:00Z`;
  const end = `2026-11-20T10:${minute}:42Z`;
  const finished = outcome !== 'running';
  const taskRuns = tasks.map(task => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: {
      name: `${spec.name}-${task}`,
      namespace,
      uid: `${spec.uid ?? spec.name}-${task}`,
      labels: {
        'tekton.dev/pipelineRun': spec.name,
        'tekton.dev/pipelineTask': task,
      },
    },
    spec: {},
    status: {
      conditions: condition(outcome),
      startTime: start,
      completionTime: finished ? end : undefined,
      podName: `${spec.name}-${task}-pod`,
      steps: [
        {
          name: 'run',
          container: 'step-run',
          terminated: finished
            ? { exitCode: outcome === 'failed' ? 1 : 0, reason: 'Completed' }
            : undefined,
        },
      ],
    },
  }));
  const pipelineRun = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name: spec.name,
      namespace,
      uid: spec.uid ?? `uid-${spec.name}`,
      creationTimestamp: start,
      labels: {
        'tekton.dev/pipeline': 'build-and-test',
        ...(spec.kubernetesId
          ? { 'backstage.io/kubernetes-id': spec.kubernetesId }
          : {}),
      },
    },
    spec: { pipelineRef: { name: 'build-and-test' } },
    status: {
      conditions: condition(outcome),
      startTime: start,
      completionTime: finished ? end : undefined,
      childReferences: tasks.map(task => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: `${spec.name}-${task}`,
        pipelineTaskName: task,
      })),
    },
  };
  return { pipelineRun, taskRuns };
}
