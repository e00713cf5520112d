import { Knex } from 'knex';
import { FakeKubeApiServer } from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import { baseUrl, measuredRequest } from '../lib/http';
import { progress } from '../lib/log';
import { scratchSqlite } from '../lib/scratchDatabase';
import { ratio, summarize } from '../lib/stats';
import { kubernetesBackendDefaultTypes } from './clusterResources';
import {
  componentEntity,
  startKubernetesPortal,
  startSlipwayPortal,
} from './portals';
import { tektonRun } from './tektonObjects';

const SERVICE = 'payments-api';

async function waitForRuns(knex: Knex, runs: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ count }] = await knex('delivery_runs').count({ count: '*' });
    if (Number(count) >= runs) return;
    if (Date.now() > deadline) {
      throw new Error(`only ${count} of ${runs} runs ingested in time`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** A full collection when node runs with --expose-gc (the root `bench` scripts do). */
function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Counts the PipelineRuns and TaskRuns in a Kubernetes backend objects-by-entity answer. */
function countCustomResources(body: any) {
  const counts: Record<string, number> = {};
  for (const cluster of body.items ?? []) {
    for (const resource of cluster.resources ?? []) {
      if (resource.type !== 'customresources') continue;
      for (const item of resource.resources) {
        counts[item.kind] = (counts[item.kind] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/**
 * One size: `runs` PipelineRuns (3 TaskRuns each) for one service in the fake cluster, read by
 * Slipway (ingested into SQLite, then its runs API, first page of 25) and by the Kubernetes
 * backend (objects by entity), alternating request by request.
 */
export async function pipelinesAtSize(runs: number, repeat: number) {
  const cluster = await FakeKubeApiServer.start({
    resources: kubernetesBackendDefaultTypes,
  });
  for (let i = 0; i < runs; i++) {
    const { pipelineRun, taskRuns } = tektonRun(SERVICE, i);
    taskRuns.forEach(t => cluster.put('taskruns', t));
    cluster.put('pipelineruns', pipelineRun);
  }
  const db = await scratchSqlite();
  const entities = [componentEntity(SERVICE)];
  const slipway = await startSlipwayPortal({
    knex: db.knex,
    entities,
    cluster,
  });
  const kubernetes = await startKubernetesPortal({ entities, cluster });
  try {
    progress(`pipelines ${runs}: waiting for Slipway to ingest`);
    await waitForRuns(db.knex, runs, 600_000);
    const slipwayUrl = `${baseUrl(
      slipway.server,
    )}/api/delivery/entities/component/default/${SERVICE}/runs?limit=25`;
    const kubernetesUrl = `${baseUrl(
      kubernetes.server,
    )}/api/kubernetes/services/${SERVICE}`;
    const kubernetesRequest = {
      method: 'POST' as const,
      json: { entity: entities[0] },
    };
    const first = await measuredRequest(slipwayUrl); // warm-up
    const firstK = await measuredRequest(kubernetesUrl, kubernetesRequest);
    const found = countCustomResources(firstK.body);
    if (found.PipelineRun !== runs || found.TaskRun !== runs * 3) {
      throw new Error(
        `Kubernetes backend returned ${JSON.stringify(found)} for ${runs} runs`,
      );
    }
    if ((first.body as { items: unknown[] }).items.length !== 25) {
      throw new Error('Slipway runs API did not return a page of 25');
    }
    // One reader after the other, not interleaved: both backends share this process, and the
    // garbage the Kubernetes backend's answers leave would otherwise be collected while
    // Slipway's requests are being timed.
    const slipwayMs: number[] = [];
    const kubernetesMs: number[] = [];
    collectGarbage();
    for (let i = 0; i < repeat; i++) {
      slipwayMs.push((await measuredRequest(slipwayUrl)).ms);
    }
    collectGarbage();
    for (let i = 0; i < repeat; i++) {
      kubernetesMs.push(
        (await measuredRequest(kubernetesUrl, kubernetesRequest)).ms,
      );
    }
    const slipwayBytes = first.bytes;
    const kubernetesBytes = firstK.bytes;
    const s = summarize(slipwayMs);
    const k = summarize(kubernetesMs);
    progress(
      `pipelines ${runs}: Slipway p50 ${s.p50Ms} ms, Kubernetes backend p50 ${k.p50Ms} ms`,
    );
    return {
      runs,
      taskRuns: runs * 3,
      slipway: { ...s, responseBytes: slipwayBytes, itemsReturned: 25 },
      kubernetesBackend: {
        ...k,
        responseBytes: kubernetesBytes,
        pipelineRunsReturned: found.PipelineRun,
        taskRunsReturned: found.TaskRun,
      },
      ratioMsSlipwayToKubernetes: ratio(s, k),
      ratioBytesSlipwayToKubernetes: Number(
        (slipwayBytes / kubernetesBytes).toPrecision(3),
      ),
    };
  } finally {
    await slipway.stop();
    await kubernetes.stop();
    await cluster.close();
    await db.drop();
  }
}

/** The Pipelines page comparison at every size. */
export async function pipelinesBench(sizes: number[], repeat: number) {
  const results = [];
  for (const runs of sizes) {
    results.push(await pipelinesAtSize(runs, repeat));
  }
  return results;
}
