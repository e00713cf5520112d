import { ConflictError } from '@backstage/errors';
import {
  PipelineParamSpec,
  PipelineRunWithTasks,
  RunValue,
  TaskRun,
} from '@slipway/plugin-delivery-common';
import {
  PipelineProvider,
  PipelineRunSink,
  RunActionContext,
  StartRunTarget,
  TaskLogs,
} from '@slipway/plugin-delivery-node';
import { demoStepLog } from './demoLogs';
import { withStepsAndResults } from './demoSteps';
import { SeededRandom } from './random';

/**
 * The provider of the demo runs (`provider: demo`), so a local portal can show logs and try
 * rerun, cancel and starting runs: logs are generated, a new run runs for a short while and
 * then succeeds. A started deploy pipeline (the demo components' `slipway.dev/deploy-pipeline`)
 * deploys its `environment` param at its `revision`, so an approved promotion or a rollback
 * visibly lands in the lane.
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
    return this.#launch(run, {
      message: `Rerun of ${run.name}, requested by ${context.requestedBy}`,
      rerunOf: run.uid,
    });
  }

  /** A demo run's params are its pipeline's: each with the value it last had as default. */
  async describePipeline(run: PipelineRunWithTasks) {
    const params: PipelineParamSpec[] = (run.params ?? []).map(p => ({
      name: p.name,
      type: Array.isArray(p.value) ? 'array' : 'string',
      default: p.value,
    }));
    return { description: `Demo pipeline ${run.pipelineName}`, params };
  }

  async startRun(target: StartRunTarget, context: RunActionContext) {
    const message = `Started by ${context.requestedBy}`;
    if (target.basedOn) {
      const params = new Map(
        (target.basedOn.params ?? []).map(p => [p.name, p]),
      );
      target.params.forEach(p => params.set(p.name, p));
      return this.#launch(target.basedOn, {
        message,
        params: [...params.values()],
      });
    }
    return this.#launch(deployRunOf(target), { message });
  }

  async #launch(
    run: PipelineRunWithTasks,
    overrides: Partial<PipelineRunWithTasks>,
  ) {
    const sink = this.#requireSink();
    const now = Date.now();
    const name = `${run.pipelineName ?? run.name}-${this.#rng.hex(5)}`;
    const uid = `demo-run-${this.#rng.hex(12)}`;
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
      createdAt: new Date(now).toISOString(),
      startedAt: new Date(now).toISOString(),
      completedAt: undefined,
      durationSeconds: undefined,
      rerunOf: undefined,
      ...overrides,
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
        tasks: run.tasks.map((task, i) => {
          const done = withStepsAndResults(
            {
              ...task,
              status: 'succeeded',
              reason: 'Succeeded',
              startedAt: new Date(start + slice * i).toISOString(),
              completedAt: new Date(start + slice * (i + 1)).toISOString(),
            },
            run.image?.url ?? 'registry.example.com/demo:latest',
          );
          // a deploy task reports what it deployed
          return task.environment
            ? { ...done, results: deployResults(run.params ?? []) }
            : done;
        }),
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

const valueOf = (params: RunValue[], name: string) => {
  const value = params.find(p => p.name === name)?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The results of a demo deploy task: the revision and version its run deployed. */
function deployResults(params: RunValue[]): RunValue[] {
  const revision = valueOf(params, 'revision') ?? '';
  return [
    { name: 'revision', value: revision },
    { name: 'version', value: valueOf(params, 'version') ?? revision },
  ];
}

/** A run of a demo component's deploy pipeline: check out, then deploy one environment. */
function deployRunOf(target: StartRunTarget): PipelineRunWithTasks {
  const environment = valueOf(target.params, 'environment');
  const task = (pipelineTaskName: string, env?: string): TaskRun => ({
    name: pipelineTaskName,
    pipelineTaskName,
    status: 'pending',
    retries: 0,
    isFinally: false,
    ...(env ? { environment: env } : {}),
  });
  return {
    uid: '',
    provider: 'demo',
    cluster: 'demo',
    namespace: target.namespace,
    name: target.pipelineName,
    pipelineName: target.pipelineName,
    entityRef: target.entityRef,
    status: 'pending',
    createdAt: new Date().toISOString(),
    git: { revision: valueOf(target.params, 'revision'), branch: 'main' },
    environment,
    params: target.params,
    tasks: [task('fetch-manifests'), task('deploy', environment)],
  };
}
