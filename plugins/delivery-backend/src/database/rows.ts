import {
  PipelineRun,
  RunStatus,
  TaskRun,
} from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';

/** A row of `delivery_runs`. Timestamps come back as Date (pg), number or string (sqlite). */
export interface RunRow {
  uid: string;
  provider: string;
  cluster: string | null;
  namespace: string | null;
  name: string;
  pipeline_name: string | null;
  entity_ref: string | null;
  kubernetes_id: string | null;
  status: string;
  reason: string | null;
  created_at: Date | number | string;
  started_at: Date | number | string | null;
  completed_at: Date | number | string | null;
  sort_at: Date | number | string;
  duration_seconds: number | null;
  branch: string | null;
  revision: string | null;
  environment: string | null;
  rerun_of: string | null;
  details: string;
  /** The source object's version (opaque), e.g. a Kubernetes resourceVersion. */
  source_version?: string | null;
  /** The version as a number, for ordering writes: see {@link sourceOrder}. */
  source_order?: string | number | null;
}

/** A row of `delivery_tasks`. */
export interface TaskRow {
  run_uid: string;
  name: string;
  pipeline_task_name: string;
  status: string;
  reason: string | null;
  started_at: Date | number | string | null;
  completed_at: Date | number | string | null;
  retries: number;
  is_finally: boolean | number;
  details: string | null;
  source_version?: string | null;
  source_order?: string | number | null;
}

/** Run fields kept as JSON: shown on one run, never filtered on. */
type RunDetails = Pick<
  PipelineRun,
  'git' | 'message' | 'params' | 'results' | 'image' | 'signed' | 'url'
> & { labels?: Record<string, string> };

/** Task fields kept as JSON. */
type TaskDetails = Pick<
  TaskRun,
  'kind' | 'podName' | 'steps' | 'results' | 'message' | 'url'
>;

/** The largest decimal a signed 64-bit column holds has 19 digits; 18 always fit. */
const DECIMAL_VERSION = /^[0-9]{1,18}$/;

/**
 * What orders writes of one run (or task): a version made of decimal digits, as the number it is
 * (Kubernetes resourceVersions are etcd revisions in practice, though the API calls them opaque),
 * else the time the source last changed it, in ms. `null` when neither is known: such a write can
 * only be compared for equality of `source_version` (see `DatabaseDeliveryStore`). A string, for
 * a `bigint` column.
 */
export function sourceOrder(
  version: string | undefined,
  observedAt?: string,
): string | null {
  if (version !== undefined && DECIMAL_VERSION.test(version)) {
    return String(BigInt(version));
  }
  const ms = observedAt ? Date.parse(observedAt) : NaN;
  return Number.isFinite(ms) ? String(ms) : null;
}

export function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function toIso(value: Date | number | string | null): string | undefined {
  return value === null || value === undefined
    ? undefined
    : toDate(value).toISOString();
}

function fromIso(value: string | undefined): Date | null {
  return value ? new Date(value) : null;
}

function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function runToRow(run: PipelineRunRecord): RunRow {
  const details: RunDetails = {
    git: run.git,
    labels: run.labels,
    message: run.message,
    params: run.params,
    results: run.results,
    image: run.image,
    signed: run.signed,
    url: run.url,
  };
  return {
    uid: run.uid,
    provider: run.provider,
    cluster: run.cluster ?? null,
    namespace: run.namespace ?? null,
    name: run.name,
    pipeline_name: run.pipelineName ?? null,
    entity_ref: run.entityRef?.toLocaleLowerCase('en-US') ?? null,
    kubernetes_id: run.kubernetesId ?? null,
    status: run.status,
    reason: run.reason ?? null,
    created_at: new Date(run.createdAt),
    started_at: fromIso(run.startedAt),
    completed_at: fromIso(run.completedAt),
    sort_at: new Date(run.startedAt ?? run.createdAt),
    duration_seconds: run.durationSeconds ?? null,
    branch: run.git.branch ?? null,
    revision: run.git.revision ?? null,
    environment: run.environment ?? null,
    rerun_of: run.rerunOf ?? null,
    details: JSON.stringify(details),
    source_version: run.sourceVersion ?? null,
    source_order: sourceOrder(run.sourceVersion, run.observedAt),
  };
}

export function rowToRun(row: RunRow): PipelineRun {
  const { labels: _labels, ...details } = JSON.parse(row.details) as RunDetails;
  const createdAt = toDate(row.created_at);
  const startedAt =
    row.started_at === null ? undefined : toDate(row.started_at);
  return {
    ...details,
    uid: row.uid,
    provider: row.provider,
    cluster: orUndefined(row.cluster),
    namespace: orUndefined(row.namespace),
    name: row.name,
    pipelineName: orUndefined(row.pipeline_name),
    entityRef: orUndefined(row.entity_ref),
    status: row.status as RunStatus,
    reason: orUndefined(row.reason),
    createdAt: createdAt.toISOString(),
    startedAt: startedAt?.toISOString(),
    queueSeconds: startedAt
      ? Math.max(
          0,
          Math.round((startedAt.getTime() - createdAt.getTime()) / 1000),
        )
      : undefined,
    completedAt: toIso(row.completed_at),
    durationSeconds: orUndefined(row.duration_seconds),
    git: details.git ?? {},
    environment: orUndefined(row.environment),
    rerunOf: orUndefined(row.rerun_of),
  };
}

export function taskToRow(
  runUid: string,
  task: TaskRun,
  sourceVersion?: string,
): TaskRow {
  return {
    run_uid: runUid,
    name: task.name,
    pipeline_task_name: task.pipelineTaskName,
    status: task.status,
    reason: task.reason ?? null,
    started_at: fromIso(task.startedAt),
    completed_at: fromIso(task.completedAt),
    retries: task.retries,
    is_finally: task.isFinally,
    details: JSON.stringify({
      kind: task.kind,
      podName: task.podName,
      steps: task.steps,
      results: task.results,
      message: task.message,
      url: task.url,
    } satisfies TaskDetails),
    source_version: sourceVersion ?? null,
    source_order: sourceOrder(sourceVersion),
  };
}

export function rowToTask(row: TaskRow): TaskRun {
  const details = row.details ? (JSON.parse(row.details) as TaskDetails) : {};
  return {
    ...details,
    name: row.name,
    pipelineTaskName: row.pipeline_task_name,
    status: row.status as RunStatus,
    reason: orUndefined(row.reason),
    startedAt: toIso(row.started_at),
    completedAt: toIso(row.completed_at),
    retries: row.retries,
    isFinally: Boolean(row.is_finally),
  };
}
