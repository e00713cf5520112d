import {
  computeDora,
  computeDoraPartial,
  DoraOptions,
  DoraPartial,
  DoraResult,
  DoraSummary,
  DoraWindow,
  emptyDoraPartial,
  finalizeDora,
  mergeDoraPartials,
} from '../dora';
import { DoraRecords, EventsStore } from '../events/EventsStore';

/** Entities read and computed together by {@link pooledDoraSummary}. */
export const DORA_ROLLUP_CHUNK = 50;

type ReportOptions = DoraOptions & { series?: 'week' };

/**
 * DORA of the pooled `entityRefs` over `window`: the records the window needs (bounded by the
 * store, see `EventsStore.loadRecords`) through the engine. What the DORA routes answer.
 */
export async function doraReport(
  events: EventsStore,
  entityRefs: string[],
  window: DoraWindow,
  options: ReportOptions,
): Promise<{ records: DoraRecords; report: DoraResult }> {
  const records = await events.loadRecords({
    entityRefs,
    from: window.from,
    productionEnvironments: options.productionEnvironments,
  });
  return { records, report: computeDora(records, window, options) };
}

/** Ids of deployments linked from the records but not among them (kept in `into`). */
function danglingLinks(records: DoraRecords, into: Set<string>) {
  const ids = new Set(records.deployments.map(d => d.id));
  const links = [
    ...records.incidents.map(i => i.causedByDeploymentId),
    ...records.changes.map(c => c.deploymentId),
  ];
  for (const link of links) if (link && !ids.has(link)) into.add(link);
}

/**
 * The metrics (and weekly series) of {@link doraReport} without the drill-down, computed
 * `chunkSize` entities at a time: each chunk's records are read, reduced to a partial (counts,
 * samples, deployment days) and dropped, so memory holds one chunk's records and the pooled
 * samples rather than every record of every entity. The answer is exactly `doraReport`'s. When a
 * record of one chunk links a deployment of an entity in another chunk (cross-entity links, which
 * the per-chunk reads cannot resolve), it falls back to one read of all entities.
 */
export async function pooledDoraSummary(
  events: EventsStore,
  entityRefs: string[],
  window: DoraWindow,
  options: ReportOptions,
  chunkSize = DORA_ROLLUP_CHUNK,
): Promise<DoraSummary> {
  const refs = [...new Set(entityRefs)];
  const pooled: DoraPartial = emptyDoraPartial(window, options);
  const deploymentIds = new Set<string>();
  const dangling = new Set<string>();
  for (let i = 0; i < refs.length; i += chunkSize) {
    const records = await events.loadRecords({
      entityRefs: refs.slice(i, i + chunkSize),
      from: window.from,
      productionEnvironments: options.productionEnvironments,
    });
    danglingLinks(records, dangling);
    for (const d of records.deployments) deploymentIds.add(d.id);
    mergeDoraPartials(pooled, computeDoraPartial(records, window, options));
  }
  if ([...dangling].some(id => deploymentIds.has(id))) {
    const { report } = await doraReport(events, refs, window, options);
    const { drillDown: _, ...summary } = report;
    return summary;
  }
  return finalizeDora(pooled, window);
}
