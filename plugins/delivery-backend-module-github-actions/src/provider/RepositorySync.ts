import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PipelineRunRecord,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import { GithubActionsClient } from '../client/GithubActionsClient';
import {
  DeploymentEventBody,
  deploymentId,
  mapDeployment,
} from '../github/mapDeployment';
import { mapWorkflowRun } from '../github/mapWorkflowRun';
import { runUid, slugOf } from '../github/repository';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubJob,
  GithubWorkflowRun,
} from '../github/types';
import { LruMap } from '../client/LruMap';
import { DeploymentPublisher } from './DeploymentPublisher';
import { RepositoryTarget } from './RepositoryIndex';

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';
const RUN = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
const JOBS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs';
const DEPLOYMENTS = 'GET /repos/{owner}/{repo}/deployments';
const STATUSES =
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses';

/** Clock skew allowed between GitHub's timestamps and this backend's clock. */
const SKEW_MS = 5 * 60_000;

/** Runs whose last seen version is remembered (older ones are read again once if listed). */
export const MAX_SEEN_RUNS = 50_000;
/** Finished deployments remembered (older ones are published again, idempotently, if listed). */
export const MAX_FINISHED_DEPLOYMENTS = 20_000;

/** What the sync needs from its surroundings. */
export interface RepositorySyncDeps {
  clientFor(host: string): GithubActionsClient | undefined;
  sink: PipelineRunSink;
  publisher: DeploymentPublisher;
  logger: LoggerService;
  perPage: number;
  maxPages: number;
  deployments: boolean;
  now?: () => number;
  /** Default {@link MAX_SEEN_RUNS}. */
  maxSeenRuns?: number;
  /** Default {@link MAX_FINISHED_DEPLOYMENTS}. */
  maxFinishedDeployments?: number;
}

/**
 * Incremental reading of repositories' workflow runs (with jobs and steps) and deployments.
 *
 * Per repository it pages through runs newest first until it reaches runs created before its
 * previous sync (or `maxPages` on a first sync); a `304` on the first page means nothing new.
 * Runs it saw unfinished and that fell off those pages are re-read one by one (conditionally).
 * Jobs are read only for runs whose `updated_at` or attempt changed. Deployments are read the
 * same way; each one's statuses are read until it has finished. What was seen is kept in memory,
 * so a replica that takes over the task reads more on its first sync and nothing is lost.
 */
export class RepositorySync {
  readonly #seen: LruMap<string, string>;
  readonly #unfinished = new Map<string, Map<number, RepositoryTarget>>();
  readonly #since = new Map<string, number>();
  readonly #finishedDeployments: LruMap<string, true>;

  constructor(private readonly deps: RepositorySyncDeps) {
    this.#seen = new LruMap({ maxEntries: deps.maxSeenRuns ?? MAX_SEEN_RUNS });
    this.#finishedDeployments = new LruMap({
      maxEntries: deps.maxFinishedDeployments ?? MAX_FINISHED_DEPLOYMENTS,
    });
  }

  /** How many runs and finished deployments are remembered (for tests and metrics). */
  remembered(): { runs: number; finishedDeployments: number } {
    return {
      runs: this.#seen.size,
      finishedDeployments: this.#finishedDeployments.size,
    };
  }

  /** Syncs one repository; answers how many runs and deployments were written. */
  async syncRepository(
    target: RepositoryTarget,
  ): Promise<{ runs: number; deployments: number }> {
    const client = this.#client(target);
    const key = this.#key(target);
    const startedAt = (this.deps.now ?? Date.now)();
    const changed = await this.#changedRuns(client, target);
    const { records, kept } = await this.#withJobs(client, target, changed);
    await this.deps.sink.upsertRuns(records);
    this.#remember(target, kept);
    const deployments = this.deps.deployments
      ? await this.#syncDeployments(client, target)
      : 0;
    this.#since.set(key, startedAt - SKEW_MS);
    return { runs: records.length, deployments };
  }

  /**
   * Re-reads one run and its jobs now (a webhook arrived, or a rerun or cancel was asked for);
   * `run` is the webhook's copy when there is one.
   */
  async refreshRun(
    target: RepositoryTarget,
    runId: number,
    run?: GithubWorkflowRun,
  ): Promise<void> {
    const client = this.#client(target);
    const current = run ?? (await this.#readRun(client, target, runId));
    if (!current) return;
    const { records, kept } = await this.#withJobs(client, target, [current]);
    await this.deps.sink.upsertRuns(records);
    this.#remember(target, kept);
  }

  /** Makes the next sync re-read a run even if it is no longer on the newest pages. */
  watch(target: RepositoryTarget, runId: number): void {
    this.#seen.delete(runUid(target.repo.host, runId));
    this.#unfinishedOf(target).set(runId, target);
  }

  async #changedRuns(client: GithubActionsClient, target: RepositoryTarget) {
    const since = this.#since.get(this.#key(target));
    const changed: GithubWorkflowRun[] = [];
    const listed = new Set<number>();
    for (let page = 1; page <= this.deps.maxPages; page++) {
      const res = await client.get<{ workflow_runs: GithubWorkflowRun[] }>(
        target.repo,
        RUNS,
        { per_page: this.deps.perPage, page },
      );
      const runs = res.data.workflow_runs ?? [];
      if (res.notModified && page === 1) {
        // nothing changed among the newest runs, unfinished ones included
        runs.forEach(run => listed.add(run.id));
        break;
      }
      for (const run of runs) {
        listed.add(run.id);
        if (this.#isChanged(target, run)) changed.push(run);
      }
      const reachedOld =
        since !== undefined && runs.some(r => Date.parse(r.created_at) < since);
      if (!res.hasNext || reachedOld) break;
    }
    for (const runId of [...this.#unfinishedOf(target).keys()]) {
      if (listed.has(runId)) continue;
      const data = await this.#readRun(client, target, runId);
      if (data && this.#isChanged(target, data)) changed.push(data);
    }
    return changed;
  }

  /**
   * One run, or undefined when GitHub no longer has it (deleted while unfinished): it is
   * forgotten, so that it does not fail every later sync of its repository.
   */
  async #readRun(
    client: GithubActionsClient,
    target: RepositoryTarget,
    runId: number,
  ): Promise<GithubWorkflowRun | undefined> {
    try {
      return (
        await client.get<GithubWorkflowRun>(target.repo, RUN, { run_id: runId })
      ).data;
    } catch (error) {
      if (!isGone(error)) throw error;
      this.#forget(target, runId);
      return undefined;
    }
  }

  #forget(target: RepositoryTarget, runId: number): void {
    this.#unfinishedOf(target).delete(runId);
    this.#seen.delete(runUid(target.repo.host, runId));
    this.deps.logger.info(
      `Workflow run ${runId} of ${slugOf(
        target.repo,
      )} is gone from GitHub (deleted); it is no longer followed`,
    );
  }

  async #withJobs(
    client: GithubActionsClient,
    target: RepositoryTarget,
    runs: GithubWorkflowRun[],
  ): Promise<{ records: PipelineRunRecord[]; kept: GithubWorkflowRun[] }> {
    const records: PipelineRunRecord[] = [];
    const kept: GithubWorkflowRun[] = [];
    for (const run of runs) {
      let jobs: GithubJob[];
      try {
        jobs = await client.list<GithubJob>(
          target.repo,
          JOBS,
          data => data.jobs ?? [],
          { perPage: 100, maxPages: 10, params: { run_id: run.id } },
        );
      } catch (error) {
        if (!isGone(error)) throw error;
        // deleted between listing and reading its jobs
        this.#forget(target, run.id);
        continue;
      }
      records.push(mapWorkflowRun(run, jobs, target));
      kept.push(run);
    }
    return { records, kept };
  }

  async #syncDeployments(
    client: GithubActionsClient,
    target: RepositoryTarget,
  ): Promise<number> {
    const since = this.#since.get(this.#key(target));
    const finished: DeploymentEventBody[] = [];
    for (let page = 1; page <= this.deps.maxPages; page++) {
      const res = await client.get<GithubDeployment[]>(
        target.repo,
        DEPLOYMENTS,
        {
          per_page: this.deps.perPage,
          page,
        },
      );
      const open = res.data.filter(
        d => !this.#finishedDeployments.has(deploymentId(target.repo, d.id)),
      );
      for (const deployment of open) {
        const statuses = await client.get<GithubDeploymentStatus[]>(
          target.repo,
          STATUSES,
          { deployment_id: deployment.id, per_page: 100 },
        );
        const event = mapDeployment(deployment, statuses.data, target);
        if (event) {
          finished.push(event);
        }
      }
      const reachedOld =
        since !== undefined &&
        res.data.some(d => Date.parse(d.created_at) < since);
      if (!res.hasNext || reachedOld || (res.notModified && open.length === 0))
        break;
    }
    if (finished.length > 0) {
      await this.deps.publisher.publish(finished);
      finished.forEach(event => this.#finishedDeployments.set(event.id, true));
    }
    return finished.length;
  }

  #client(target: RepositoryTarget): GithubActionsClient {
    const client = this.deps.clientFor(target.repo.host);
    if (!client) {
      throw new Error(
        `${target.repo.host} is not a GitHub host in integrations.github`,
      );
    }
    return client;
  }

  #isChanged(target: RepositoryTarget, run: GithubWorkflowRun): boolean {
    return this.#seen.get(runUid(target.repo.host, run.id)) !== version(run);
  }

  #remember(target: RepositoryTarget, runs: GithubWorkflowRun[]) {
    const unfinished = this.#unfinishedOf(target);
    for (const run of runs) {
      this.#seen.set(runUid(target.repo.host, run.id), version(run));
      if (run.status === 'completed') unfinished.delete(run.id);
      else unfinished.set(run.id, target);
    }
  }

  #unfinishedOf(target: RepositoryTarget) {
    const key = this.#key(target);
    let map = this.#unfinished.get(key);
    if (!map) {
      map = new Map();
      this.#unfinished.set(key, map);
    }
    return map;
  }

  #key(target: RepositoryTarget): string {
    return `${target.repo.host}/${slugOf(target.repo)}`;
  }
}

/** GitHub answered 404 or 410: the object was deleted. */
function isGone(error: unknown): boolean {
  const status = (error as { status?: unknown } | undefined)?.status;
  return status === 404 || status === 410;
}

function version(run: GithubWorkflowRun): string {
  return `${run.updated_at}|${run.run_attempt ?? 1}|${run.status}`;
}
