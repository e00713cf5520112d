/*
 * Deterministic rows of `delivery_runs` and `delivery_tasks` (the shape of
 * plugins/delivery-backend/src/database/rows.ts) for N services, written straight into a
 * migrated Slipway database.
 */

const MINUTE = 60_000;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const TASKS = ['git-clone', 'unit-tests', 'build-image'];

/** Which generated runs carry TaskRun rows: one in `TASK_EVERY`. */
export const TASK_EVERY = 10;

/** The status of the i-th run of a service: 85% succeeded, 10% failed, 3% cancelled, 2% timed out. */
export function runStatus(i: number): string {
  const r = (i * 7919) % 100;
  if (r < 85) return 'succeeded';
  if (r < 95) return 'failed';
  if (r < 98) return 'cancelled';
  return 'timedOut';
}

/** The entity ref (as stored: lower case) of the s-th generated service. */
export function serviceRef(s: number): string {
  return `component:default/svc-${String(s).padStart(5, '0')}`;
}

/** The rows of the i-th run of the s-th service, with its tasks when it has any. */
export function runRows(s: number, i: number) {
  const service = `svc-${String(s).padStart(5, '0')}`;
  const name = `${service}-ci-${String(i).padStart(6, '0')}`;
  const uid = `${name}-uid`;
  const start = EPOCH + i * 97 * MINUTE + s * 1_000;
  const duration = 300 + ((i * 31) % 600);
  const status = runStatus(i);
  const revision = (BigInt(i + 1) * 2654435761n + BigInt(s))
    .toString(16)
    .padStart(40, '0');
  const run = {
    uid,
    provider: 'tekton',
    cluster: 'prod-eu',
    namespace: `${service}-ci`,
    name,
    pipeline_name: i % 5 === 0 ? 'deploy' : 'build-and-test',
    entity_ref: serviceRef(s),
    kubernetes_id: service,
    status,
    reason: status === 'succeeded' ? 'Succeeded' : 'Failed',
    created_at: new Date(start - 2_000),
    started_at: new Date(start),
    completed_at: new Date(start + duration * 1000),
    sort_at: new Date(start),
    duration_seconds: duration,
    branch: i % 7 === 0 ? `feature/${i % 13}` : 'main',
    revision,
    environment: i % 5 === 0 ? 'production' : null,
    rerun_of: null,
    details: JSON.stringify({
      git: {
        revision,
        branch: i % 7 === 0 ? `feature/${i % 13}` : 'main',
        repoUrl: `https://github.com/acme/${service}`,
        author: `dev-${i % 17}`,
        message: `Change ${i} of ${service}`,
      },
      labels: { 'tekton.dev/pipeline': 'build-and-test' },
      params: { 'git-revision': revision },
    }),
  };
  const tasks =
    i % TASK_EVERY === 0
      ? TASKS.map((task, t) => ({
          run_uid: uid,
          name: `${name}-${task}`,
          pipeline_task_name: task,
          status: t === 2 ? status : 'succeeded',
          reason: null,
          started_at: new Date(start + t * 100_000),
          completed_at: new Date(start + (t + 1) * 100_000),
          retries: 0,
          is_finally: false,
          details: JSON.stringify({
            kind: 'TaskRun',
            podName: `${name}-${task}-pod`,
          }),
        }))
      : [];
  return { run, tasks };
}
