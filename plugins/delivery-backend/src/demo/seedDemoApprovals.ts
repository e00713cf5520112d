import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ApprovalService } from '../approvals/ApprovalService';
import { ApprovalsStore } from '../approvals/ApprovalsStore';
import {
  DeploymentQueries,
  EnvironmentDeployment,
} from '../approvals/deploymentQueries';
import { DeliveryStore } from '../database/DeliveryStore';

const HOUR = 3_600_000;
const PIPELINE = 'service:external:tekton-demo';

interface DemoPromotion {
  entityRef: string;
  from: string;
  to: string;
  triggeredBy: string;
  /** People who already approved, in order. */
  approvedBy: string[];
  /** Read ML metrics from the latest run with this task's results. */
  metricsTask?: string;
}

/*
 * Pending promotions of the demo catalog (examples/), each of a revision newer than what the
 * target environment runs (approving one starts the component's demo deploy pipeline, which
 * lands it in the lane): checkout-web to staging waits for an owner (platform-team, so the
 * guest may approve it); payments-api to production waits for two
 * release managers and its security gate; fraud-model to production carries its accuracy gate.
 */
const PROMOTIONS: DemoPromotion[] = [
  {
    entityRef: 'component:default/checkout-web',
    from: 'dev',
    to: 'staging',
    triggeredBy: 'user:default/emil',
    approvedBy: [],
  },
  {
    entityRef: 'component:default/payments-api',
    from: 'staging',
    to: 'production',
    triggeredBy: 'user:default/ada',
    approvedBy: [],
  },
  {
    entityRef: 'component:default/fraud-model',
    from: 'staging',
    to: 'production',
    triggeredBy: 'user:default/chen',
    approvedBy: [],
    metricsTask: 'evaluate-model',
  },
];

/** The newest deployment that has soaked for an hour (the demo production policy's wait). */
function soaked(deployments: EnvironmentDeployment[], now: Date) {
  return deployments.find(d => now.getTime() - d.finishedAt.getTime() >= HOUR);
}

async function latestRunWithTask(
  store: DeliveryStore,
  entityRef: string,
  task: string,
): Promise<string | undefined> {
  const page = await store.listRuns({
    entityRef,
    limit: 25,
    status: ['succeeded'],
  });
  for (const summary of page.items) {
    const run = await store.getRun(summary.uid);
    if (run?.tasks.some(t => t.pipelineTaskName === task && t.results)) {
      return run.uid;
    }
  }
  return undefined;
}

/**
 * Creates the demo's pending promotions through the approval service, so their policies and
 * approvers come from the demo catalog. A promotion whose entity already has a request for
 * that environment is left alone (a persistent database); one the catalog cannot resolve yet
 * (entities still loading) is tried again on the next call.
 */
export async function seedDemoApprovals(deps: {
  approvals: ApprovalService;
  approvalsStore: ApprovalsStore;
  deployments: DeploymentQueries;
  store: DeliveryStore;
  now?: Date;
}): Promise<{ created: number; waiting: number }> {
  const now = deps.now ?? new Date();
  let created = 0;
  let waiting = 0;
  for (const p of PROMOTIONS) {
    const existing = await deps.approvalsStore.list(
      { entityRef: p.entityRef, environment: p.to, limit: 1 },
      now,
    );
    const [candidates, [current]] = await Promise.all([
      deps.deployments.recent(p.entityRef, p.from, 20),
      deps.deployments.recent(p.entityRef, p.to, 1),
    ]);
    // a revision newer than what the target runs: approving it visibly deploys it there
    const source = soaked(
      candidates.filter(
        d =>
          d.commitSha !== current?.commitSha &&
          (!current || d.finishedAt > current.finishedAt),
      ),
      now,
    );
    if (existing.items.length > 0 || !source?.commitSha) continue;
    const runUid = p.metricsTask
      ? await latestRunWithTask(deps.store, p.entityRef, p.metricsTask)
      : source.runUid;
    try {
      const { request } = await deps.approvals.create(
        {
          entityRef: p.entityRef,
          environment: p.to,
          revision: source.commitSha,
          version: source.version,
          runUid,
          triggeredBy: p.triggeredBy,
          comment: `Promote the build running in ${p.from}`,
        },
        PIPELINE,
        now,
      );
      for (const user of p.approvedBy) {
        await deps.approvals.decide(
          request.id,
          user,
          'approve',
          `Looks good in ${p.from}`,
          now,
        );
      }
      created++;
    } catch (error) {
      if (!(error instanceof NotFoundError || error instanceof InputError)) {
        throw error;
      }
      waiting++; // the catalog has not read every example entity yet
    }
  }
  return { created, waiting };
}

/** Runs {@link seedDemoApprovals} every few seconds until every promotion exists (5 minutes at most). */
export async function scheduleDemoApprovals(
  scheduler: SchedulerService,
  logger: LoggerService,
  deps: Parameters<typeof seedDemoApprovals>[0],
): Promise<void> {
  let attempts = 0;
  let done = false;
  await scheduler.scheduleTask({
    id: 'delivery-demo-approvals',
    scope: 'local',
    frequency: { seconds: 5 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 3 },
    fn: async () => {
      if (done) return;
      try {
        const { created, waiting } = await seedDemoApprovals(deps);
        attempts++;
        done = waiting === 0 || attempts >= 60;
        if (created > 0)
          logger.info(`Seeded ${created} demo approval requests`);
        if (waiting > 0 && done) {
          logger.warn(
            `${waiting} demo approval requests could not be resolved in the catalog`,
          );
        }
      } catch (error) {
        done = true;
        logger.warn(`Could not seed demo approval requests: ${error}`);
      }
    },
  });
}
