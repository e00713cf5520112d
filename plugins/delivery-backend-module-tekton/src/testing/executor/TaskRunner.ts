import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';
import { ClusterObjects } from './clusterObjects';
import { kubeTime, taskRunConditions } from './conditions';
import { taskRunMetadata, taskRunSpecOf } from './labels';
import { PipelineTask, TaskSpec, asRecord, namedValues, str } from './model';
import {
  failureMessage,
  invokeHandler,
  readResultFiles,
  stepOutcomes,
} from './outcomes';
import { bindParams, paramSpecs } from './params';
import { ResolvedTask } from './resolve';
import {
  childName,
  runningSteps,
  stepsOf,
  taskRunBody,
  taskRunResults,
  terminatedSteps,
  waitingSteps,
} from './taskRunObject';
import { propagateIntoTaskSpec, taskRunVariables } from './taskVariables';
import { TaskHandler } from './types';
import { Variables, substitute } from './variables';
import { writeStatus } from './writes';

/** What running TaskRuns needs from the executor. */
export interface ExecutionServices {
  server: FakeKubeApiServer;
  objects: ClusterObjects;
  now(): Date;
  handlerFor(pipelineTaskName: string): TaskHandler;
  /** The executor stopped: nothing more is written. */
  stopped(): boolean;
  /** Work that goes on after its TaskRun ended (a cancelled handler); `settled()` awaits it. */
  track(promise: Promise<unknown>): void;
}

export interface TaskRunRequest {
  run: KubeObject;
  /** The pipeline task with the pipeline's variables substituted into params and taskRef. */
  task: PipelineTask;
  resolved: ResolvedTask;
  isFinally: boolean;
  /** The pipeline's variables and the results so far (for an embedded taskSpec). */
  pipelineVars: Variables;
  /** Local directories of the task's workspaces, and their TaskRun bindings. */
  workspaces: Record<string, string>;
  workspaceBindings: unknown[];
  signal: AbortSignal;
  /** Called once the TaskRun exists (before its status is first written). */
  onCreated(): void;
}

export interface TaskRunEnd {
  phase: 'succeeded' | 'failed' | 'cancelled';
  results: Record<string, string>;
}

/** `<pipelinerun>-<pipelinetask>`, shortened like Tekton when too long. */
export function taskRunNameFor(run: KubeObject, task: PipelineTask): string {
  return childName(run.metadata.name, `-${task.name}`);
}

/** v1 `taskRunSpecs` / `taskRunTemplate`, or v1beta1 `taskServiceAccountName` / `serviceAccountName`. */
function serviceAccountOf(run: KubeObject, task: PipelineTask): string {
  const spec = asRecord(run.spec);
  const taskRunSpec = taskRunSpecOf(run, task.name);
  return (
    str(taskRunSpec.serviceAccountName) ??
    str(taskRunSpec.taskServiceAccountName) ??
    str(asRecord(spec.taskRunTemplate).serviceAccountName) ??
    str(spec.serviceAccountName) ??
    'default'
  );
}

/**
 * Creates the TaskRun of one pipeline task in the fake server and plays it the way Tekton's
 * TaskRun reconciler and the kubelet would: `Pending` (steps waiting), `Running` (steps
 * running, empty pod logs), then the handler's outcome: step pod logs, terminated steps,
 * results, and `Succeeded` or `Failed` (or `TaskRunCancelled` when the signal aborts first).
 */
export async function runTaskRun(
  services: ExecutionServices,
  req: TaskRunRequest,
): Promise<TaskRunEnd> {
  const { server, now } = services;
  const { run, task, resolved } = req;
  const namespace = run.metadata.namespace ?? '';
  const name = taskRunNameFor(run, task);
  const passed = namedValues(task.params);
  const taskSpec: TaskSpec = resolved.embedded
    ? propagateIntoTaskSpec(resolved.spec, passed, req.pipelineVars)
    : (({ metadata: _m, ...rest }) => rest)(resolved.spec);
  const taskRun = server.put(
    'taskruns',
    taskRunBody({
      name,
      run,
      ...taskRunMetadata(run, task, resolved, req.isFinally),
      params: passed,
      ...(resolved.embedded ? { taskSpec } : { taskRef: task.taskRef }),
      serviceAccountName: serviceAccountOf(run, task),
      workspaces: req.workspaceBindings,
    }),
  );
  req.onCreated();
  const write = (status: object) =>
    writeStatus(server, 'taskruns', namespace, name, status);
  const startTime = now();
  const podName = childName(name, '-pod');
  const base = { podName, startTime: kubeTime(startTime), taskSpec };
  const steps = stepsOf(taskSpec);
  const taskName = resolved.task?.name ?? task.name;

  const { values, missing } = bindParams(paramSpecs(taskSpec.params), passed);
  if (missing.length > 0 || steps.length === 0) {
    const message =
      steps.length === 0
        ? `invalid TaskSpec for task ${taskName}: expected at least one, got none: steps`
        : `invalid input params for task ${taskName}: missing parameters: [${missing.join(
            ' ',
          )}]`;
    const at = now();
    write({
      ...base,
      completionTime: kubeTime(at),
      conditions: [
        taskRunConditions.failed(at, 'TaskRunValidationFailed', message),
      ],
    });
    return { phase: 'failed', results: {} };
  }

  write({
    ...base,
    conditions: [taskRunConditions.pending(now())],
    steps: waitingSteps(steps),
  });
  const resultsDir = await mkdtemp(join(tmpdir(), 'tekton-results-'));
  try {
    const vars = taskRunVariables({
      taskRun,
      taskName,
      params: values,
      spec: taskSpec,
      resultsDir,
      workspaces: req.workspaces,
    });
    const runningAt = now();
    for (const step of runningSteps(steps, runningAt)) {
      server.setPodLog(namespace, podName, step.container, '');
    }
    write({
      ...base,
      conditions: [taskRunConditions.running(runningAt)],
      steps: runningSteps(steps, runningAt),
    });

    const outcome = await invokeHandler(
      services.handlerFor(task.name),
      {
        pipelineTaskName: task.name,
        params: Object.fromEntries(values),
        taskRun,
        pipelineRun: run,
        taskSpec: substitute(taskSpec, vars),
        resultsDir,
        workspaces: req.workspaces,
        signal: req.signal,
        secretValue: (secret, key) =>
          services.objects.secretData(namespace, secret)?.[key],
        configMapValue: (map, key) =>
          services.objects.configMapData(namespace, map)?.[key],
        server,
        now,
      },
      services.track,
    );
    const end = now();
    const times = { startedAt: runningAt, finishedAt: end };
    if (services.stopped()) return { phase: 'cancelled', results: {} };
    if (outcome === 'cancelled') {
      write({
        ...base,
        completionTime: kubeTime(end),
        conditions: [taskRunConditions.cancelled(end, name)],
        steps: terminatedSteps(steps, [], times, true),
      });
      return { phase: 'cancelled', results: {} };
    }
    const results = {
      ...(await readResultFiles(taskSpec, resultsDir)),
      ...outcome.results,
    };
    const outcomes = stepOutcomes(outcome, steps);
    for (const step of outcomes) {
      server.setPodLog(namespace, podName, `step-${step.name}`, step.log ?? '');
    }
    const condition = outcome.succeeded
      ? taskRunConditions.succeeded(end, outcome.reason, outcome.message)
      : taskRunConditions.failed(
          end,
          outcome.reason ?? 'Failed',
          outcome.message ?? failureMessage(outcomes),
        );
    write({
      ...base,
      completionTime: kubeTime(end),
      conditions: [condition],
      steps: terminatedSteps(steps, outcomes, times),
      ...(Object.keys(results).length > 0
        ? { results: taskRunResults(taskSpec, results) }
        : {}),
    });
    return { phase: outcome.succeeded ? 'succeeded' : 'failed', results };
  } finally {
    await rm(resultsDir, { recursive: true, force: true });
  }
}
