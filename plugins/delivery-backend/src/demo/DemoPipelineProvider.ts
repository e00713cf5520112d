import { ConflictError } from '@backstage/errors';
import { PipelineRunWithTasks, TaskRun } from '@slipway/plugin-delivery-common';
import {
  PipelineProvider,
  PipelineRunSink,
  RunActionContext,
  TaskLogs,
} from '@slipway/plugin-delivery-node';
import { demoStepLog } from './demoLogs';
import { withStepsAndResults } from './demoSteps';
import { SeededRandom } from './random';

/**
 * The provider of the demo runs (`provider: demo`), so a local portal can show logs and try
 * rerun and cancel: logs are generated, a rerun runs for a short while and then succeeds.
 */
export class DemoPipelineProvider implements PipelineProvider {
  #sink?: PipelineRunSink;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #rng = new SeededRandom(String(Date.now()));

  constructor(private readonly rerunSeconds = 20) {}

  getProviderName(): string {
    return 'demo';
  }

  async connect(sink: PipelineRunSink): Promise<void> {
    this.#sink = sink;
  }

  async stop(): Promise<void> {
    this.#timers.forEach(clearTimeout);
    this.#timers.clear();
  }

  async getTaskLogs(
    run: PipelineRunWithTasks,
    task: TaskRun,
  ): Promise<TaskLogs> {
    return {
      steps: (task.steps ?? []).map(step => ({
        name: step.name,
        container: step.container,
        log: demoStepLog(run, task, step),
      })),
    };
  }

  async rerun(run: PipelineRunWithTasks, context: RunActionContext) {
    const sink = this.#requireSink();
    const now = Date.now();
    const name = `${run.pipelineName ?? run.name}-${this.#rng.hex(5)}`;
    const uid = `demo-rerun-${this.#rng.hex(12)}`;
    const image = run.image?.url ?? 'registry.example.com/demo:latest';
    const tasks = run.tasks.map((task, i) =>
      withStepsAndResults(
        {
          ...task,
          name: `${name}-${task.pipelineTaskName}`,
          status: i === 0 ? 'running' : 'pending',
          reason: i === 0 ? 'Running' : 'Pending',
          startedAt: i === 0 ? new Date(now).toISOString() : undefined,
          completedAt: undefined,
          retries: 0,
        },
        image,
      ),
    );
    const started: PipelineRunWithTasks = {
      ...run,
      uid,
      name,
      status: 'running',
      reason: 'Running',
      message: `Rerun of ${run.name}, requested by ${context.requestedBy}`,
      createdAt: new Date(now).toISOString(),
      startedAt: new Date(now).toISOString(),
      completedAt: undefined,
      durationSeconds: undefined,
      rerunOf: run.uid,
      tasks,
    };
    await sink.upsertRuns([started]);
    this.#later(() => this.#finish(started), this.rerunSeconds * 1000);
    return { name, uid };
  }

  async cancel(
    run: PipelineRunWithTasks,
    context: RunActionContext,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.#requireSink().upsertRuns([
      {
        ...run,
        status: 'cancelled',
        reason: 'Cancelled',
        message: `Cancelled by ${context.requestedBy}`,
        completedAt: now,
        durationSeconds: run.startedAt
          ? Math.round((Date.now() - Date.parse(run.startedAt)) / 1000)
          : undefined,
        tasks: run.tasks.map(t =>
          t.status === 'running'
            ? {
                ...t,
                status: 'cancelled',
                reason: 'TaskRunCancelled',
                completedAt: now,
              }
            : t,
        ),
      },
    ]);
  }

  async #finish(run: PipelineRunWithTasks) {
    const start = Date.parse(run.startedAt!);
    const end = Date.now();
    const slice = (end - start) / Math.max(1, run.tasks.length);
    await this.#requireSink().upsertRuns([
      {
        ...run,
        status: 'succeeded',
        reason: 'Succeeded',
        completedAt: new Date(end).toISOString(),
        durationSeconds: Math.round((end - start) / 1000),
        tasks: run.tasks.map((task, i) =>
          withStepsAndResults(
            {
              ...task,
              status: 'succeeded',
              reason: 'Succeeded',
              startedAt: new Date(start + slice * i).toISOString(),
              completedAt: new Date(start + slice * (i + 1)).toISOString(),
            },
            run.image?.url ?? 'registry.example.com/demo:latest',
          ),
        ),
      },
    ]);
  }

  #requireSink(): PipelineRunSink {
    if (!this.#sink) {
      throw new ConflictError('The demo provider is not connected yet');
    }
    return this.#sink;
  }

  #later(fn: () => Promise<void>, ms: number) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn().catch(() => undefined);
    }, ms);
    timer.unref?.();
    this.#timers.add(timer);
  }
}
