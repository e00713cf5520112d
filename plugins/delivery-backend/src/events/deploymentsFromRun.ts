import {
  PipelineRun,
  RunStatus,
  TaskRun,
} from '@slipway/plugin-delivery-common';
import { DeploymentEvent } from './EventsStore';

const STATUS: Partial<Record<RunStatus, DeploymentEvent['status']>> = {
  succeeded: 'success',
  failed: 'failed',
  timedOut: 'failed',
  cancelled: 'cancelled',
};

/** Separates a run's uid from its deploy task's name in a task deployment's id. */
const TASK_SEPARATOR = '#';

/** The id of the deployment a run (or one of its deploy tasks) made. */
export function runDeploymentId(runUid: string, pipelineTaskName?: string) {
  return pipelineTaskName === undefined
    ? `run:${runUid}`
    : `run:${runUid}${TASK_SEPARATOR}${pipelineTaskName}`;
}

/** The run behind a deployment id made by {@link runDeploymentId}, if it is one. */
export function runUidOfDeployment(id: string): string | undefined {
  if (!id.startsWith('run:')) return undefined;
  const rest = id.slice('run:'.length);
  const separator = rest.lastIndexOf(TASK_SEPARATOR);
  return separator < 0 ? rest : rest.slice(0, separator);
}

function resultOf(task: TaskRun, name: string): string | undefined {
  const value = task.results?.find(r => r.name === name)?.value;
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** The digest of an image reference `repo@sha256:…`, if it names one. */
function digestOf(image: string | undefined): string | undefined {
  const at = image?.lastIndexOf('@') ?? -1;
  return image && at > 0 ? image.slice(at + 1) : undefined;
}

function fromTask(
  run: PipelineRun,
  entityRef: string,
  task: TaskRun,
): DeploymentEvent | undefined {
  const status = STATUS[task.status];
  if (!task.environment || !task.completedAt || !status) return undefined;
  const revision = resultOf(task, 'revision') ?? run.git.revision;
  return {
    id: runDeploymentId(run.uid, task.pipelineTaskName),
    entityRef,
    environment: task.environment,
    status,
    startedAt: task.startedAt ?? run.startedAt,
    finishedAt: task.completedAt,
    commitSha: revision,
    version:
      resultOf(task, 'version') ??
      digestOf(resultOf(task, 'image')) ??
      run.image?.digest ??
      revision,
  };
}

/**
 * The deployment attempts a pipeline run made (DORA.md).
 *
 * - A run with deploy tasks (tasks that name an `environment`, e.g. Tekton TaskRuns labelled
 *   `slipway.dev/environment`) made one deployment per finished deploy task: id
 *   `run:<uid>#<task>`, finished when the task finished, shipping the task's `revision` result
 *   (else the run's revision) as its `version` result (else the digest of its `image` result,
 *   else the run's image digest, else the revision).
 * - A finished run that targets an environment no deploy task of it targets is one deployment
 *   (so a deploy task to the run's own environment is not counted twice): id `run:<uid>`,
 *   finished at its completion, shipping its revision; the version is the built image's digest
 *   when known, else the revision.
 *
 * Runs without an entity, and unfinished runs and tasks, made no deployment (yet). `tasksOnly`
 * leaves the run-level deployment out (a stale write of the run, whose tasks may be newer).
 */
export function deploymentsFromRun(
  run: PipelineRun & { tasks?: TaskRun[] },
  { tasksOnly = false }: { tasksOnly?: boolean } = {},
): DeploymentEvent[] {
  if (!run.entityRef) return [];
  const entityRef = run.entityRef.toLocaleLowerCase('en-US');
  const deployTasks = (run.tasks ?? []).filter(t => t.environment);
  const fromTasks = deployTasks
    .map(t => fromTask(run, entityRef, t))
    .filter((d): d is DeploymentEvent => d !== undefined);
  const status = STATUS[run.status];
  if (
    tasksOnly ||
    !run.environment ||
    !run.completedAt ||
    !status ||
    deployTasks.some(t => t.environment === run.environment)
  ) {
    return fromTasks;
  }
  return [
    ...fromTasks,
    {
      id: runDeploymentId(run.uid),
      entityRef,
      environment: run.environment,
      status,
      startedAt: run.startedAt,
      finishedAt: run.completedAt,
      commitSha: run.git.revision,
      version: run.image?.digest ?? run.git.revision,
    },
  ];
}
