/*
 * Deterministic Tekton v1 PipelineRuns with their TaskRuns for one service, shaped like what a
 * cluster holds: labels propagated from the PipelineRun to its TaskRuns (as Tekton does, so the
 * Kubernetes backend's label selector finds both), params, child references, the resolved
 * pipeline spec and step states in status.
 */
const TASKS = ['git-clone', 'unit-tests', 'build-image'];
const OUTCOMES = [
  { status: 'True', reason: 'Succeeded', exitCode: 0 },
  { status: 'False', reason: 'Failed', exitCode: 1 },
];
const MINUTE = 60_000;
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

/** The i-th run of `service`: a PipelineRun and its TaskRuns, 1 in 10 failed. */
export function tektonRun(service: string, i: number) {
  const name = `${service}-ci-${String(i).padStart(6, '0')}`;
  const namespace = `${service}-ci`;
  const start = EPOCH + i * 17 * MINUTE;
  const outcome = OUTCOMES[i % 10 === 7 ? 1 : 0];
  const revision = (BigInt(i) * 2654435761n).toString(16).padStart(40, 'a');
  const labels = {
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
    'backstage.io/kubernetes-id': service,
    'tekton.dev/pipeline': 'build-and-test',
    'triggers.tekton.dev/eventlistener': 'github-listener',
  };
  const params = [
    { name: 'git-url', value: `https://github.com/acme/${service}.git` },
    { name: 'git-revision', value: revision },
    { name: 'image', value: `registry.acme.test/${service}:${revision}` },
  ];
  const condition = (end: number) => [
    {
      type: 'Succeeded',
      status: outcome.status,
      reason: outcome.reason,
      message: `Tasks Completed: 3 (Failed: ${outcome.exitCode}, Cancelled 0), Skipped: 0`,
      lastTransitionTime: iso(end),
    },
  ];
  const taskRuns = TASKS.map((task, t) => {
    const taskStart = start + t * 2 * MINUTE;
    const taskEnd = taskStart + 2 * MINUTE - 5_000;
    return {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: {
        name: `${name}-${task}`,
        namespace,
        uid: `${name}-${task}-uid`,
        creationTimestamp: iso(taskStart),
        labels: {
          ...labels,
          'tekton.dev/pipelineRun': name,
          'tekton.dev/pipelineTask': task,
          'tekton.dev/task': task,
        },
        ownerReferences: [
          { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name },
        ],
      },
      spec: {
        taskRef: { kind: 'Task', name: task },
        serviceAccountName: 'pipeline',
        timeout: '1h0m0s',
      },
      status: {
        conditions: condition(taskEnd),
        podName: `${name}-${task}-pod`,
        startTime: iso(taskStart),
        completionTime: iso(taskEnd),
        steps: [
          {
            name: 'run',
            container: 'step-run',
            imageID: `registry.acme.test/tools/${task}@sha256:${revision}`,
            terminated: {
              exitCode: t === 2 ? outcome.exitCode : 0,
              reason: 'Completed',
              startedAt: iso(taskStart + 3_000),
              finishedAt: iso(taskEnd),
            },
          },
        ],
      },
    };
  });
  const end = start + TASKS.length * 2 * MINUTE;
  const pipelineRun = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name,
      namespace,
      uid: `${name}-uid`,
      creationTimestamp: iso(start),
      labels,
      annotations: { 'results.tekton.dev/log': `${namespace}/${name}` },
    },
    spec: {
      pipelineRef: { name: 'build-and-test' },
      params,
      taskRunTemplate: { serviceAccountName: 'pipeline' },
      timeouts: { pipeline: '1h0m0s' },
      workspaces: [{ name: 'source', volumeClaimTemplate: { spec: {} } }],
    },
    status: {
      conditions: condition(end),
      startTime: iso(start),
      completionTime: iso(end),
      childReferences: TASKS.map(task => ({
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: `${name}-${task}`,
        pipelineTaskName: task,
      })),
      pipelineSpec: {
        params: params.map(p => ({ name: p.name, type: 'string' })),
        workspaces: [{ name: 'source' }],
        tasks: TASKS.map((task, t) => ({
          name: task,
          taskRef: { kind: 'Task', name: task },
          runAfter: t > 0 ? [TASKS[t - 1]] : undefined,
          workspaces: [{ name: 'source', workspace: 'source' }],
        })),
      },
      results: [{ name: 'image-digest', value: `sha256:${revision}` }],
    },
  };
  return { pipelineRun, taskRuns };
}
