import type { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';
import { ClusterObjects } from './clusterObjects';
import { asRecord } from './model';
import { PipelineRunExecution } from './PipelineRunExecution';
import { ExecutionInterrupted } from './runControl';
import { defaultTaskHandler } from './taskHandlers';
import { TaskHandler, TektonTestExecutorOptions } from './types';

/** A PipelineRun no controller has touched yet: no status conditions. */
function isFresh(run: KubeObject): boolean {
  const conditions = asRecord(run.status).conditions;
  return !Array.isArray(conditions) || conditions.length === 0;
}

/**
 * Plays the Tekton controller against a {@link FakeKubeApiServer}, for tests: executes
 * PipelineRuns (resolving their Pipeline and Tasks, checking params, walking the DAG with
 * `runAfter`, result references, `when` expressions and `finally` tasks), creating their
 * TaskRuns, pod logs and statuses in the server step by step, so that watchers see what they
 * would see on a cluster. What each task does is up to a {@link TaskHandler}.
 *
 * Not modelled: timeouts, retries, matrix, custom tasks (CustomRun, e.g. an ApprovalTask),
 * resolvers other than `cluster`, CEL `when` expressions, sidecars, `stepTemplate`, StepActions,
 * array and object results.
 */
export class TektonTestExecutor {
  private readonly server: FakeKubeApiServer;
  private readonly objects: ClusterObjects;
  private readonly handlers: Record<string, TaskHandler>;
  private readonly defaultHandler: TaskHandler;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly workspaces: Record<string, string>;
  private readonly inFlight = new Map<string, Promise<KubeObject>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly started = new Set<string>();
  private readonly errors: unknown[] = [];
  private readonly stopController = new AbortController();
  private watching: NodeJS.Timeout | undefined;

  constructor(options: TektonTestExecutorOptions) {
    this.server = options.server;
    this.objects = new ClusterObjects(options.server, {
      tasks: options.tasks ?? [],
      pipelines: options.pipelines ?? [],
      secrets: options.secrets ?? {},
    });
    this.handlers = options.handlers ?? {};
    this.defaultHandler = options.defaultHandler ?? defaultTaskHandler;
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 10;
    this.workspaces = options.workspaces ?? {};
  }

  /**
   * Executes one PipelineRun of the fake server to its end and resolves with it as it is then
   * (a run that already finished is returned as it is). Running it twice at once gives the same
   * promise. Rejects when the run is deleted meanwhile or the executor stops.
   */
  run(namespace: string, name: string): Promise<KubeObject> {
    const run = this.server.get('pipelineruns', namespace, name);
    if (!run) {
      return Promise.reject(
        new Error(`no PipelineRun ${namespace}/${name} in the fake server`),
      );
    }
    const key = run.metadata.uid;
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    this.started.add(key);
    const execution = new PipelineRunExecution(
      {
        server: this.server,
        objects: this.objects,
        now: this.now,
        handlerFor: task => this.handlers[task] ?? this.defaultHandler,
        track: promise => this.track(promise),
        stopped: () => this.stopController.signal.aborted,
        stopSignal: this.stopController.signal,
        pollIntervalMs: this.pollIntervalMs,
        workspaces: this.workspaces,
      },
      namespace,
      name,
    );
    const promise = execution.execute().finally(() => {
      this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  /**
   * From now on executes every PipelineRun that appears in the server without a status (created
   * by the test, or by code under test through the Kubernetes API: a rerun, a started run, a
   * promotion's deploy run). Runs that already have status conditions (fixtures) are left
   * alone. Failures other than a deleted run are rethrown by `settled()`.
   */
  runWhenCreated(): this {
    if (this.watching || this.stopController.signal.aborted) return this;
    const tick = () => {
      this.scan();
      this.watching = setTimeout(tick, this.pollIntervalMs);
      this.watching.unref();
    };
    tick();
    return this;
  }

  /** Same as {@link TektonTestExecutor.runWhenCreated}. */
  watch(): this {
    return this.runWhenCreated();
  }

  /**
   * Resolves once nothing is in flight (picking up new PipelineRuns first when watching);
   * rejects with the first error of a watched run.
   */
  async settled(): Promise<void> {
    for (;;) {
      if (this.watching) this.scan();
      const pending = [...this.inFlight.values(), ...this.background];
      if (pending.length === 0) break;
      await Promise.allSettled(pending);
    }
    const [error] = this.errors.splice(0);
    if (error) throw error;
  }

  /**
   * Stops watching and aborts what is in flight (handlers see their signal abort, scripts are
   * killed, nothing more is written), then waits for it to wind down.
   */
  async stop(): Promise<void> {
    clearTimeout(this.watching);
    this.watching = undefined;
    this.stopController.abort();
    for (;;) {
      const pending = [...this.inFlight.values(), ...this.background];
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  private scan(): void {
    for (const run of this.server.list('pipelineruns')) {
      if (this.started.has(run.metadata.uid) || !isFresh(run)) continue;
      this.run(run.metadata.namespace ?? '', run.metadata.name).catch(error => {
        if (!(error instanceof ExecutionInterrupted)) this.errors.push(error);
      });
    }
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.background.add(settled);
    void settled.then(() => this.background.delete(settled));
  }
}
