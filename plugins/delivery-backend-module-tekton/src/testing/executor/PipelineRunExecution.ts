import { KubeObject } from '../types';
import {
  SucceededCondition,
  kubeTime,
  pipelineRunCondition,
  succeeded,
} from './conditions';
import { pipelineRunMetadata } from './labels';
import { asRecord } from './model';
import { pipelineResults } from './pipelineResults';
import { PreparedRun, prepareRun } from './prepareRun';
import { RunFailure, resolvePipeline } from './resolve';
import { RunState } from './runState';
import {
  ExecutionInterrupted,
  StopRequest,
  delay,
  finalCondition,
  isDone,
  newStopRequest,
  tasksToCancel,
  whilePending,
} from './runControl';
import { Decision, nextDecision } from './scheduling';
import { launchTask } from './launchTask';
import { ExecutionServices, taskRunNameFor } from './TaskRunner';
import { writeStatus } from './writes';

/** What one execution needs from the executor. */
export interface ExecutionOptions extends ExecutionServices {
  pollIntervalMs: number;
  /** Aborted when the executor stops. */
  stopSignal: AbortSignal;
  workspaces: Record<string, string>;
}

/** One PipelineRun played from start to end, the way Tekton's PipelineRun reconciler would. */
export class PipelineRunExecution {
  private status: Record<string, unknown> = {};
  private readonly running = new Map<string, Promise<void>>();
  private readonly aborts = new Map<string, AbortController>();
  private failure?: { reason: string; message: string };
  private error?: unknown;
  private stop?: StopRequest;
  /** The final status was written: nothing more is. */
  private ended = false;

  constructor(
    private readonly options: ExecutionOptions,
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  async execute(): Promise<KubeObject> {
    if (isDone(this.current())) return this.current();
    await this.waitWhilePending();
    const run = this.current();
    const now = this.options.now();
    this.status = {
      startTime: kubeTime(now),
      conditions: [succeeded('Unknown', 'Started', '', now)],
    };
    let prepared: PreparedRun | undefined;
    try {
      const pipeline = resolvePipeline(run, this.options.objects);
      this.status.pipelineSpec = pipeline.spec;
      this.write(pipelineRunMetadata(run, pipeline));
      prepared = await prepareRun(
        this.current(),
        pipeline,
        this.options.objects,
        this.options.workspaces,
      );
      const state = new RunState(prepared.graph);
      this.writeProgress(state);
      await this.schedule(state, prepared);
      return this.finish(state, prepared);
    } catch (error) {
      this.aborts.forEach(abort => abort.abort());
      this.options.track(Promise.allSettled(this.running.values()));
      if (!(error instanceof RunFailure)) throw error;
      return this.end(
        succeeded('False', error.reason, error.message, this.options.now()),
      );
    } finally {
      await prepared?.workspaces.cleanup();
    }
  }

  /** The latest PipelineRun; throws when it is gone or the executor stopped. */
  private current(): KubeObject {
    if (this.options.stopped()) {
      throw new ExecutionInterrupted('the TektonTestExecutor stopped');
    }
    const { server } = this.options;
    const run = server.get('pipelineruns', this.namespace, this.name);
    if (!run) {
      throw new ExecutionInterrupted(
        `PipelineRun ${this.namespace}/${this.name} was deleted`,
      );
    }
    return run;
  }

  private write(meta?: Parameters<typeof writeStatus>[5]): void {
    this.current();
    writeStatus(
      this.options.server,
      'pipelineruns',
      this.namespace,
      this.name,
      this.status,
      meta,
    );
  }

  /** `spec.status: PipelineRunPending` holds the run (condition `PipelineRunPending`). */
  private async waitWhilePending(): Promise<void> {
    await whilePending(
      () => this.current(),
      () => {
        const message = `PipelineRun "${this.name}" is pending`;
        const now = this.options.now();
        this.status = {
          conditions: [
            succeeded('Unknown', 'PipelineRunPending', message, now),
          ],
        };
        this.write();
      },
      this.options.pollIntervalMs,
    );
  }

  private writeProgress(state: RunState): void {
    const condition = pipelineRunCondition(
      state.counts(),
      {
        cancelRequested: this.stop !== undefined,
        finallyDone: state.finallyDone(),
      },
      this.options.now(),
    );
    this.status.conditions = [condition];
    const skipped = state.skippedTasks();
    if (skipped.length > 0) this.status.skippedTasks = skipped;
    this.write();
  }

  /** Notices a `spec.status` stop request and cancels the running tasks it stops. */
  private checkCancellation(state: RunState): void {
    const stop = newStopRequest(this.current(), this.stop);
    if (!stop) return;
    this.stop = stop;
    for (const task of tasksToCancel(stop, state.running())) {
      this.aborts.get(task.name)?.abort();
    }
  }

  private async schedule(state: RunState, prepared: PreparedRun) {
    for (;;) {
      this.checkCancellation(state);
      const stop = this.stop;
      while (stop !== 'Cancelled' && !this.failure) {
        const { graph, vars } = prepared;
        const decision = nextDecision(state, graph, vars, stop);
        if (!decision) break;
        await this.apply(decision, state, prepared);
      }
      if (this.running.size === 0) return;
      const timer = delay(this.options.pollIntervalMs);
      await Promise.race([...this.running.values(), timer.promise]);
      timer.clear();
      if (this.error) throw this.error;
    }
  }

  private async apply(
    decision: Decision,
    state: RunState,
    prepared: PreparedRun,
  ): Promise<void> {
    if (decision.kind === 'fail') {
      this.failure = { reason: decision.reason, message: decision.message };
      return;
    }
    if (decision.kind === 'skip') {
      state.markSkipped(
        decision.name,
        decision.reason,
        decision.whenExpressions,
      );
      this.writeProgress(state);
      return;
    }
    const { task, isFinally } = decision;
    state.markRunning(task.name, taskRunNameFor(this.current(), task));
    if (isFinally && !this.status.finallyStartTime) {
      this.status.finallyStartTime = kubeTime(this.options.now());
    }
    const launched = await launchTask(
      this.options,
      decision,
      this.current(),
      prepared,
      ref => {
        const refs = (this.status.childReferences ?? []) as unknown[];
        this.status.childReferences = [...refs, ref];
        this.writeProgress(state);
      },
    );
    this.aborts.set(task.name, launched.abort);
    const settled = launched.done.then(
      end => {
        Object.assign(state.get(task.name), end);
        this.running.delete(task.name);
        if (!this.ended && !this.options.stopped()) this.writeProgress(state);
      },
      error => {
        this.running.delete(task.name);
        this.error ??= error;
      },
    );
    this.running.set(task.name, settled);
  }

  private finish(state: RunState, prepared: PreparedRun): KubeObject {
    const spec = asRecord(this.status.pipelineSpec);
    const results = pipelineResults(spec, state, prepared.vars);
    if (results.length > 0) this.status.results = results;
    return this.end(
      finalCondition({
        counts: state.counts(),
        failure: this.failure,
        stop: this.stop,
        runName: this.name,
        now: this.options.now(),
      }),
    );
  }

  private end(condition: SucceededCondition): KubeObject {
    this.status.conditions = [condition];
    this.status.completionTime = condition.lastTransitionTime;
    this.write();
    this.ended = true;
    return this.current();
  }
}
