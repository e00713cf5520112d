import { buildDoraModel } from './model';
import { DoraInput, DoraOptions, DoraResult, DoraWindow } from './types';
import { assertWindow, weekSlices, windowDays } from './window';
import { windowMetrics } from './windowMetrics';

/**
 * Computes the DORA output defined by DORA.md ("DORA metrics — the definitions Slipway uses")
 * for the records of one or more entities over the half-open UTC window `[from, to)`. Pure: no
 * I/O, the input is not modified.
 *
 * What the caller must pass: ALL records of the entities, not only those of the window. Several
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
 * that must bound the query may pass only records after a lookback start before `from`, at a
 * cost: the earliest deployment of each entity in the lookback is taken as its first observed
 * one (its commits are not sampled, so the lookback must hold at least one deployment before
 * the window), commits already shipped before the lookback can be attributed again, rollbacks
 * to versions older than the lookback are missed, and failed deployments older than the
 * lookback give no recovery sample. Records after `to` should not be cut: incidents that start
 * after `to` can still make an in-window deployment failed (rule 7 has no time limit other than
 * `maxIncidentLagSeconds`), so a past window's numbers may change as late incidents arrive.
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
