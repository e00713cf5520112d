import { RunStatus, TaskRun } from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import {
  DemoPipeline,
  deployPipeline,
  mlTraining,
  serviceCi,
} from './demoPipelines';
import { withStepsAndResults } from './demoSteps';
import { SeededRandom } from './random';

/** Main builds newer than this are not deployed: the releases are. */
const RELEASES_SINCE = 30 * 3600_000;
const DAY = 86_400_000;
const FEATURE_BRANCHES = [
  'feat/retry-budget',
  'feat/card-tokens',
  'fix/timeout-handling',
  'chore/bump-deps',
  'feat/metrics-export',
  'fix/flaky-contract-test',
];

export interface DemoHistoryOptions {
  entityRef: string;
  /** ML services get a training pipeline instead of the service CI pipeline. */
  isMl: boolean;
  now: Date;
  days: number;
}

/** `pass`: like `normal`, but no task fails (the demo's newest releases). */
type Outcome = 'normal' | 'pass' | 'cancel' | 'timeout' | 'running';

/** How a run that does not end normally stops: the task's and the run's status and reasons. */
const INTERRUPTIONS: Record<
  Exclude<Outcome, 'normal' | 'pass'>,
  { status: RunStatus; taskReason: string; runReason: string }
> = {
  running: { status: 'running', taskReason: 'Running', runReason: 'Running' },
  cancel: {
    status: 'cancelled',
    taskReason: 'TaskRunCancelled',
    runReason: 'Cancelled',
  },
  timeout: {
    status: 'timedOut',
    taskReason: 'TaskRunTimeout',
    runReason: 'PipelineRunTimeout',
  },
};

interface Attempt {
  tasks: TaskRun[];
  status: RunStatus;
  reason: string;
  end: number;
}

/** Runs the pipeline's tasks one after another from `start`, with retries and failures. */
function simulateTasks(
  rng: SeededRandom,
  runName: string,
  pipeline: DemoPipeline,
  start: number,
  outcome: Outcome,
  now: number,
): Attempt {
  const tasks: TaskRun[] = [];
  let clock = start + rng.int(2, 20) * 1000;
  let status: RunStatus = 'succeeded';
  let reason = 'Succeeded';
  const mainTasks = pipeline.tasks.filter(t => !t.isFinally);
  let stopAt = -1;
  if (outcome === 'running') {
    stopAt = 1;
  } else if (outcome !== 'normal' && outcome !== 'pass') {
    stopAt = rng.int(1, mainTasks.length - 1);
  }
  for (const [index, task] of pipeline.tasks.entries()) {
    if (status !== 'succeeded' && !task.isFinally) {
      break;
    }
    const taskStart = clock;
    if (index === stopAt && outcome !== 'normal' && outcome !== 'pass') {
      const interruption = INTERRUPTIONS[outcome];
      const stillRunning = outcome === 'running';
      tasks.push({
        name: `${runName}-${task.name}`,
        pipelineTaskName: task.name,
        status: interruption.status,
        reason: interruption.taskReason,
        startedAt: new Date(taskStart).toISOString(),
        completedAt: stillRunning
          ? undefined
          : new Date(taskStart + 3600_000).toISOString(),
        retries: 0,
        isFinally: false,
      });
      if (stillRunning) {
        return { tasks, status: 'running', reason: 'Running', end: now };
      }
      status = interruption.status;
      reason = interruption.runReason;
      clock = taskStart + 3600_000;
      continue;
    }
    let retries = 0;
    let failed = rng.chance(task.failure) && outcome !== 'pass';
    while (failed && retries < (task.retries ?? 0)) {
      retries++;
      clock += rng.int(task.seconds[0], task.seconds[1]) * 1000;
      failed = rng.chance(task.failure);
    }
    clock += rng.int(task.seconds[0], task.seconds[1]) * 1000;
    tasks.push({
      name: `${runName}-${task.name}`,
      pipelineTaskName: task.name,
      status: failed ? 'failed' : 'succeeded',
      reason: failed ? 'Failed' : 'Succeeded',
      startedAt: new Date(taskStart).toISOString(),
      completedAt: new Date(clock).toISOString(),
      retries,
      isFinally: Boolean(task.isFinally),
    });
    if (failed && status === 'succeeded') {
      status = 'failed';
      reason = 'Failed';
    }
  }
  return { tasks, status, reason, end: clock };
}

/**
 * Generates weeks of pipeline history for one entity: CI (or ML training) runs on main and
 * feature branches, and deploy runs promoting main builds through dev, staging and production.
 * Deterministic for a given entity ref and `now`; the newest CI run is still running.
 */
export function generateDemoHistory(
  options: DemoHistoryOptions,
): PipelineRunRecord[] {
  const { entityRef, isMl, now, days } = options;
  const rng = new SeededRandom(entityRef);
  const name = entityRef.split('/').pop()!;
  const ci = isMl ? mlTraining : serviceCi;
  const nowMs = now.getTime();
  const runs: PipelineRunRecord[] = [];

  const addRun = (
    pipeline: DemoPipeline,
    created: number,
    branch: string,
    revision: string,
    environment?: string,
    outcome: Outcome = 'normal',
  ) => {
    const runName = `${name}-${pipeline.suffix}-${rng.hex(5)}`;
    const image = `registry.example.com/${name}:${revision.slice(0, 7)}`;
    const start = created + rng.int(1, 40) * 1000;
    const attempt = simulateTasks(
      rng,
      runName,
      pipeline,
      start,
      outcome,
      nowMs,
    );
    const finished = attempt.status !== 'running';
    runs.push({
      uid: `demo-${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
      provider: 'demo',
      cluster: 'demo-cluster',
      namespace: `${name}-ci`,
      name: runName,
      pipelineName: `${name}-${pipeline.suffix}`,
      entityRef,
      kubernetesId: name,
      status: attempt.status,
      reason: attempt.reason,
      createdAt: new Date(created).toISOString(),
      startedAt: new Date(start).toISOString(),
      completedAt: finished ? new Date(attempt.end).toISOString() : undefined,
      durationSeconds: finished
        ? Math.round((attempt.end - start) / 1000)
        : undefined,
      git: {
        repository: `https://github.com/example/${name}`,
        revision,
        branch,
        eventType: branch === 'main' ? 'push' : 'pull_request',
        pullRequest: branch === 'main' ? undefined : String(rng.int(100, 480)),
      },
      environment,
      // what a start form offers: the pipeline's params with the values this run had
      params: [
        { name: 'revision', value: revision },
        ...(environment
          ? [{ name: 'environment', value: environment }]
          : [{ name: 'branch', value: branch }]),
      ],
      tasks: attempt.tasks.map(t => withStepsAndResults(t, image)),
      image:
        attempt.status === 'succeeded' && !environment
          ? { url: image }
          : undefined,
      labels: { 'backstage.io/kubernetes-id': name },
    });
    return attempt;
  };

  const firstDay = Math.floor(nowMs / DAY) - days;
  for (let day = firstDay; day <= Math.floor(nowMs / DAY); day++) {
    const weekday = new Date(day * DAY).getUTCDay();
    const busy = weekday !== 0 && weekday !== 6;
    const ciRuns = busy ? rng.int(isMl ? 1 : 2, isMl ? 3 : 6) : rng.int(0, 1);
    for (let i = 0; i < ciRuns; i++) {
      const created =
        day * DAY + rng.int(7, 18) * 3600_000 + rng.int(0, 3599) * 1000;
      if (created > nowMs - 3600_000) {
        continue;
      }
      const branch = rng.chance(0.45) ? 'main' : rng.pick(FEATURE_BRANCHES);
      const revision = rng.hex(40);
      let outcome: Outcome = 'normal';
      if (rng.chance(0.03)) {
        outcome = 'cancel';
      } else if (rng.chance(0.01)) {
        outcome = 'timeout';
      }
      const built = addRun(ci, created, branch, revision, undefined, outcome);
      // the last 30 hours deploy only the two releases below
      if (
        branch !== 'main' ||
        built.status !== 'succeeded' ||
        created > nowMs - RELEASES_SINCE
      ) {
        continue;
      }
      let promoteAt = built.end + rng.int(60, 600) * 1000;
      for (const environment of ['dev', 'staging', 'production']) {
        const promote =
          environment === 'dev' ||
          (environment === 'staging' ? rng.chance(0.6) : rng.chance(0.45));
        if (!promote || promoteAt > nowMs - 600_000) {
          break;
        }
        const deployed = addRun(
          deployPipeline(environment),
          promoteAt,
          'main',
          revision,
          environment,
        );
        if (deployed.status !== 'succeeded') {
          break;
        }
        promoteAt = deployed.end + rng.int(600, 20_000) * 1000;
      }
    }
  }
  // Two releases: one in dev and staging since yesterday, a newer one in dev for hours. So
  // every lane runs a different revision, and the demo's pending promotions (dev → staging,
  // staging → production) each ask for one the next lane does not run yet.
  const release = (hoursAgo: number, environments: string[]) => {
    const revision = rng.hex(40);
    const built = addRun(
      ci,
      nowMs - hoursAgo * 3600_000,
      'main',
      revision,
      undefined,
      'pass',
    );
    let at = built.end + 10 * 60_000;
    for (const environment of environments) {
      at =
        addRun(
          deployPipeline(environment),
          at,
          'main',
          revision,
          environment,
          'pass',
        ).end +
        45 * 60_000;
    }
  };
  release(29, ['dev', 'staging']);
  release(6, ['dev']);
  // The newest run is still in progress, so the page shows a live row.
  addRun(
    ci,
    nowMs - rng.int(400, 900) * 1000,
    'main',
    rng.hex(40),
    undefined,
    'running',
  );
  return runs;
}
