import { buildDoraModel } from './model';
import {
  emptyWindowPartial,
  finalizeWindow,
  mergeWindowPartial,
  WindowPartial,
} from './partial';
import {
  DoraDrillDown,
  DoraInput,
  DoraOptions,
  DoraResult,
  DoraSummary,
  DoraWindow,
} from './types';
import { assertWindow, weekSlices, windowDays } from './window';
import { windowPartial } from './windowMetrics';

/**
 * The pooled numbers of some entities for a window and (when asked) its weekly slices, before
 * the medians and rates are taken: see {@link computeDoraPartial}.
 */
export interface DoraPartial {
  window: WindowPartial;
  /** One per weekly slice, when the series was asked for. */
  series?: WindowPartial[];
}

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
  const { partial, drillDown } = computeWindows(input, window, options);
  return { ...finalizeDora(partial, window), drillDown };
}

/** The model of the records cut into the window (with its drill-down) and the weekly slices. */
function computeWindows(
  input: DoraInput,
  window: DoraWindow,
  options: DoraOptions & { series?: 'week' },
): { partial: DoraPartial; drillDown: DoraDrillDown } {
  assertWindow(window);
  const model = buildDoraModel(input, options);
  const { partial, drillDown } = windowPartial(model, window);
  const series =
    options.series === 'week'
      ? weekSlices(window).map(slice => windowPartial(model, slice).partial)
      : undefined;
  return { partial: { window: partial, series }, drillDown };
}

/**
 * The partial of {@link computeDora} for the records of some entities (same input contract):
 * counts, samples and deployment days per window, no drill-down. Rules 5, 7, 9 and 11 are judged
 * per entity, so the partials of disjoint sets of entities, merged with
 * {@link mergeDoraPartials} and finalized with {@link finalizeDora}, give exactly the metrics of
 * `computeDora` over all their records (rule 12) — provided no record links a deployment of an
 * entity of another set (a cross-entity `causedByDeploymentId` or commit `deploymentId`).
 *
 * @throws RangeError when `from` is not before `to` or a date is invalid.
 */
export function computeDoraPartial(
  input: DoraInput,
  window: DoraWindow,
  options: DoraOptions & { series?: 'week' },
): DoraPartial {
  return computeWindows(input, window, options).partial;
}

/** An empty partial for `window` (no entities yet), to merge chunks into. */
export function emptyDoraPartial(
  window: DoraWindow,
  options: { series?: 'week' },
): DoraPartial {
  return {
    window: emptyWindowPartial(),
    series:
      options.series === 'week'
        ? weekSlices(window).map(emptyWindowPartial)
        : undefined,
  };
}

/** Adds the partial of other entities (same window and options) into `into`. */
export function mergeDoraPartials(into: DoraPartial, other: DoraPartial) {
  mergeWindowPartial(into.window, other.window);
  other.series?.forEach((slice, i) =>
    mergeWindowPartial(into.series![i], slice),
  );
}

/** The metrics (and weekly series) of a pooled partial of `window`. */
export function finalizeDora(
  partial: DoraPartial,
  window: DoraWindow,
): DoraSummary {
  const summary: DoraSummary = {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    windowDays: windowDays(window),
    ...finalizeWindow(partial.window, window),
  };
  if (partial.series) {
    summary.series = weekSlices(window).map((slice, i) => ({
      from: slice.from.toISOString(),
      to: slice.to.toISOString(),
      ...finalizeWindow(partial.series![i], slice),
    }));
  }
  return summary;
}
