import { buildDoraModel } from './model';
import { DoraInput, DoraOptions, DoraResult, DoraWindow } from './types';
import { assertWindow, weekSlices, windowDays } from './window';
import { windowMetrics } from './windowMetrics';

/**
 * Computes the DORA output defined by DORA.md ("DORA metrics — the definitions Slipway uses")
 * for the records of one or more entities over the half-open UTC window `[from, to)`. Pure: no
 * I/O, the input is not modified.
 *
 * What the caller must pass: more than the records of the window. Several
 * rules look outside the window:
 *
 * - lead time (rule 5) needs the earlier deployments and commits to know which commits were
 *   already shipped, and which deployment is an entity's first observed one (its commits are
 *   never sampled);
 * - failed deployments (rule 7) may be caused by incidents that start after `to`, and the
 *   fallback attribution needs the entity's deployments around each incident;
 * - recovery time (rule 9) counts failed deployments from before `from` whose incidents were
 *   resolved in the window;
 * - rework (rule 11) compares a deployment with every earlier deployment of its entity.
 *
 * The simplest correct call passes every record of the entities, unfiltered by time. A caller
 * that must bound the query passes the records `EventsStore.loadRecords` reads for `from`: the
 * window, everything from a per-entity lookback start on, and the few older records (latest
 * shipped head, rollback targets, linked deployments) that decide in-window numbers; the
 * earliest deployment given is then taken as the entity's first observed one, which only
 * matters when it lies in the window, i.e. when the entity never deployed before. Records after
 * `to` should not be cut: incidents that start after `to` can still make an in-window deployment
 * failed (rule 7 has no time limit other than `maxIncidentLagSeconds`), so a past window's
 * numbers may change as late incidents arrive.
 *
 * With `series: 'week'` the result also has the metrics of each 7-day slice from `from` (the last
 * slice may be shorter), computed from the same full input.
 *
 * @throws RangeError when `from` is not before `to` or a date is invalid.
 */
export function computeDora(
  input: DoraInput,
  window: DoraWindow,
  options: DoraOptions & { series?: 'week' },
): DoraResult {
  assertWindow(window);
  const model = buildDoraModel(input, options);
  const { metrics, drillDown } = windowMetrics(model, window);
  const result: DoraResult = {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    windowDays: windowDays(window),
    ...metrics,
    drillDown,
  };
  if (options.series === 'week') {
    result.series = weekSlices(window).map(slice => ({
      from: slice.from.toISOString(),
      to: slice.to.toISOString(),
      ...windowMetrics(model, slice).metrics,
    }));
  }
  return result;
}
