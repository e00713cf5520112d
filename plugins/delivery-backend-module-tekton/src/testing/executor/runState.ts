import { TaskCounts } from './conditions';
import { PipelineGraph } from './graph';
import { WhenExpression } from './model';
import { Variables } from './variables';

export type TaskPhase =
  | 'waiting'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'skipped';

/** Where one pipeline task is. */
export interface TaskState {
  name: string;
  isFinally: boolean;
  phase: TaskPhase;
  taskRunName?: string;
  results: Record<string, string>;
  skip?: { reason: string; whenExpressions?: WhenExpression[] };
}

const DONE: ReadonlySet<TaskPhase> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
]);

/** Tekton's skipping reasons (v1 `SkippingReason`). */
export const SKIP = {
  when: 'When Expressions evaluated to false',
  parentSkipped: 'Parent Tasks were skipped',
  stopping: 'PipelineRun was stopping',
  gracefullyCancelled: 'PipelineRun was gracefully cancelled',
  gracefullyStopped: 'PipelineRun was gracefully stopped',
  missingResults: 'Results were missing',
} as const;

/** The states of every task of one PipelineRun. */
export class RunState {
  readonly tasks = new Map<string, TaskState>();
  /** Names in the order their TaskRuns were created. */
  readonly started: string[] = [];
  /** Names in the order they were skipped. */
  readonly skipped: string[] = [];

  constructor(graph: PipelineGraph) {
    for (const t of graph.tasks) {
      this.tasks.set(t.name, {
        name: t.name,
        isFinally: false,
        phase: 'waiting',
        results: {},
      });
    }
    for (const t of graph.finallyTasks) {
      this.tasks.set(t.name, {
        name: t.name,
        isFinally: true,
        phase: 'waiting',
        results: {},
      });
    }
  }

  get(name: string): TaskState {
    const state = this.tasks.get(name);
    if (!state) throw new Error(`unknown pipeline task ${name}`);
    return state;
  }

  isDone(name: string): boolean {
    return DONE.has(this.get(name).phase);
  }

  markRunning(name: string, taskRunName: string): void {
    Object.assign(this.get(name), { phase: 'running', taskRunName });
    this.started.push(name);
  }

  markSkipped(
    name: string,
    reason: string,
    whenExpressions?: WhenExpression[],
  ): void {
    Object.assign(this.get(name), {
      phase: 'skipped',
      skip: { reason, ...(whenExpressions ? { whenExpressions } : {}) },
    });
    this.skipped.push(name);
  }

  private all(isFinally?: boolean): TaskState[] {
    return [...this.tasks.values()].filter(
      t => isFinally === undefined || t.isFinally === isFinally,
    );
  }

  /** Every DAG task is done (finally tasks may start). */
  dagDone(): boolean {
    return this.all(false).every(t => DONE.has(t.phase));
  }

  finallyDone(): boolean {
    return this.all(true).every(t => DONE.has(t.phase));
  }

  /** A DAG task failed or was cancelled: no further DAG task starts. */
  stopping(): boolean {
    return this.all(false).some(
      t => t.phase === 'failed' || t.phase === 'cancelled',
    );
  }

  running(): TaskState[] {
    return this.all().filter(t => t.phase === 'running');
  }

  waiting(isFinally: boolean): TaskState[] {
    return this.all(isFinally).filter(t => t.phase === 'waiting');
  }

  counts(): TaskCounts {
    const count = (...phases: TaskPhase[]) =>
      this.all().filter(t => phases.includes(t.phase)).length;
    return {
      succeeded: count('succeeded'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      skipped: count('skipped'),
      incomplete: count('waiting', 'running'),
    };
  }

  /** `$(tasks.<name>.status)`: Succeeded, Failed, or None (skipped or not run). */
  private statusOf(t: TaskState): string {
    if (t.phase === 'succeeded') return 'Succeeded';
    if (t.phase === 'failed' || t.phase === 'cancelled') return 'Failed';
    return 'None';
  }

  /** `$(tasks.status)`: Failed, Completed (something skipped), Succeeded, or None. */
  private aggregateStatus(): string {
    const dag = this.all(false);
    if (dag.some(t => t.phase === 'failed' || t.phase === 'cancelled')) {
      return 'Failed';
    }
    if (!dag.every(t => DONE.has(t.phase))) return 'None';
    return dag.some(t => t.phase === 'skipped') ? 'Completed' : 'Succeeded';
  }

  /**
   * The pipeline's variables plus what the tasks produced: `tasks.<t>.results.<r>` of tasks
   * that succeeded, and (for finally tasks and pipeline results) `tasks.<t>.status`,
   * `tasks.status` and `finally.<t>.results.<r>`.
   */
  variables(base: Variables, forFinally: boolean): Variables {
    const vars = base.child();
    for (const t of this.all()) {
      if (t.phase !== 'succeeded') continue;
      vars.setAll(`${t.isFinally ? 'finally' : 'tasks'}.${t.name}.results`, [
        ...Object.entries(t.results),
      ]);
    }
    if (forFinally) {
      for (const t of this.all(false)) {
        vars.set(`tasks.${t.name}.status`, this.statusOf(t));
      }
      vars.set('tasks.status', this.aggregateStatus());
    }
    return vars;
  }

  /** v1 `status.skippedTasks`. */
  skippedTasks() {
    return this.skipped.map(name => {
      const { skip } = this.get(name);
      return {
        name,
        reason: skip!.reason,
        ...(skip?.whenExpressions?.length
          ? { whenExpressions: skip.whenExpressions }
          : {}),
      };
    });
  }
}
