import { computeDora, DoraOptions, DoraResult, DoraWindow } from '../dora';
import { DoraRecords, EventsStore } from '../events/EventsStore';

/**
 * DORA of the pooled `entityRefs` over `window`: the records the window needs (bounded by the
 * store, see `EventsStore.loadRecords`) through the engine. What the DORA routes answer.
 */
export async function doraReport(
  events: EventsStore,
  entityRefs: string[],
  window: DoraWindow,
  options: DoraOptions & { series?: 'week' },
): Promise<{ records: DoraRecords; report: DoraResult }> {
  const records = await events.loadRecords({
    entityRefs,
    from: window.from,
    productionEnvironments: options.productionEnvironments,
  });
  return { records, report: computeDora(records, window, options) };
}
