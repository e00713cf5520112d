import type { FakeKubeApiServer } from '../FakeKubeApiServer';
import type { KubeObject } from '../types';
import type { ParamValue, TaskSpec } from './model';

export type { ParamValue, PipelineTask, TaskSpec } from './model';

/** What a {@link TaskHandler} is told about the TaskRun it plays. */
export interface TaskHandlerContext {
  /** The task's name in the pipeline (`tekton.dev/pipelineTask`). */
  pipelineTaskName: string;
  /** The TaskRun's params (substituted) with the Task's defaults applied. */
  params: Record<string, ParamValue>;
  /** The TaskRun as created in the fake server. */
  taskRun: KubeObject;
  /** The PipelineRun as it was when the TaskRun was created. */
  pipelineRun: KubeObject;
  /**
   * The resolved task spec with the TaskRun's variables substituted: `$(params.x)`,
   * `$(context.taskRun.name|namespace|uid)`, `$(context.task.name)`, `$(results.x.path)`,
   * `$(workspaces.x.path|bound|claim)` (and, for an embedded taskSpec, the pipeline's).
   */
  taskSpec: TaskSpec;
  /** The directory `$(results.x.path)` points into: a file `x` written there is result `x`. */
  resultsDir: string;
  /** Local directories of the task's bound workspaces, by the task's workspace name. */
  workspaces: Record<string, string>;
  /** Aborted when the run is cancelled or the executor stops. */
  signal: AbortSignal;
  /** A key of a Secret in the run's namespace (executor map first, then the fake server). */
  secretValue(name: string, key: string): string | undefined;
  /** A key of a ConfigMap in the run's namespace, from the fake server. */
  configMapValue(name: string, key: string): string | undefined;
  server: FakeKubeApiServer;
  now(): Date;
}

/** What happened to one step of a TaskRun. */
export interface StepOutcome {
  name: string;
  exitCode: number;
  log?: string;
  /** Tekton's termination reason, e.g. `Continued` for a failed step with `onError: continue`. */
  terminationReason?: string;
}

/** How a TaskRun ended, as a {@link TaskHandler} reports it. */
export interface TaskOutcome {
  succeeded: boolean;
  /** Results by name (together with the files the task wrote into `resultsDir`). */
  results?: Record<string, string>;
  /**
   * The log of the task, written as the pod log of its last step (the one that fails when
   * the task fails). Ignored when `steps` is given.
   */
  log?: string;
  /** Per step exit codes and logs, in the task's step order (missing steps: not run). */
  steps?: StepOutcome[];
  /** Condition reason (default `Succeeded` / `Failed`). */
  reason?: string;
  /** Condition message (default Tekton's, e.g. `"step-build" exited with code 1`). */
  message?: string;
}

/** Plays one TaskRun: may wait, may do real work, decides how it ends. Throwing fails it. */
export type TaskHandler = (
  context: TaskHandlerContext,
) => TaskOutcome | Promise<TaskOutcome>;

/** Options of `new TektonTestExecutor(...)`. */
export interface TektonTestExecutorOptions {
  server: FakeKubeApiServer;
  /**
   * Task objects a `taskRef` may name (by name, or through the cluster resolver); looked up
   * before the server's `tasks` when that type is served.
   */
  tasks?: object[];
  /** Pipeline objects a `pipelineRef` may name; looked up before the server's `pipelines`. */
  pipelines?: object[];
  /** Handlers by pipeline task name. */
  handlers?: Record<string, TaskHandler>;
  /**
   * Plays tasks without a handler of their own. Default {@link defaultTaskHandler}: tasks
   * whose steps are all Node scripts run for real, others succeed without running.
   */
  defaultHandler?: TaskHandler;
  /**
   * Secret data (plain text) by `name` or `namespace/name`, used before the fake server's
   * Secrets, for `secretKeyRef` env vars and secret workspace bindings.
   */
  secrets?: Record<string, Record<string, string>>;
  /**
   * Local directories for PipelineRun workspace bindings, by binding name; other bindings get a
   * fresh temporary directory per run (removed when the run ends).
   */
  workspaces?: Record<string, string>;
  /** The clock of every timestamp written. Default: real time. */
  now?: () => Date;
  /** How often `runWhenCreated` and cancellation checks look at the server. Default 10 ms. */
  pollIntervalMs?: number;
}
