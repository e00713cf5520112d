import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  recoveryTimeBand,
} from './bands';
import { median } from './median';
import { DoraMetrics, DoraWindow } from './types';
import { windowDays } from './window';

/**
 * A data-quality note with the key that orders it in the answer: the rule group (model notes,
 * then lead time, recovery and restore notes), the moment, then a tie-breaker. Keys make the
 * order of pooled notes independent of how the entities were split into chunks.
 */
export interface KeyedWarning {
  group: 0 | 1 | 2 | 3;
  at: number;
  /** Tie-breaker after `at`: a deployment or incident id. */
  tie: string;
  /** Second tie-breaker (push order of a commit), 0 when unused. */
  seq: number;
  message: string;
}

/**
 * What one window needs from some entities to give the pooled metrics of rule 12: counts are
 * summed, samples and deployment days are united, never averaged. A partial of several chunks
 * of entities merged ({@link mergeWindowPartial}) finalizes ({@link finalizeWindow}) to the same
 * metrics as one partial of all their records.
 */
export interface WindowPartial {
  deploymentCount: number;
  /** UTC calendar dates (`YYYY-MM-DD`) with a deployment (rule 13). */
  deploymentDays: Set<string>;
  leadTimeSeconds: number[];
  failedDeploymentCount: number;
  recoverySeconds: number[];
  restoreSeconds: number[];
  reworkDeploymentCount: number;
  warnings: KeyedWarning[];
}

/** An empty partial (no entities). */
export function emptyWindowPartial(): WindowPartial {
  return {
    deploymentCount: 0,
    deploymentDays: new Set(),
    leadTimeSeconds: [],
    failedDeploymentCount: 0,
    recoverySeconds: [],
    restoreSeconds: [],
    reworkDeploymentCount: 0,
    warnings: [],
  };
}

function pushAll<T>(target: T[], source: readonly T[]) {
  for (const item of source) target.push(item);
}

/** Adds `other` (the partial of other entities) into `into`. */
export function mergeWindowPartial(into: WindowPartial, other: WindowPartial) {
  into.deploymentCount += other.deploymentCount;
  for (const day of other.deploymentDays) into.deploymentDays.add(day);
  pushAll(into.leadTimeSeconds, other.leadTimeSeconds);
  into.failedDeploymentCount += other.failedDeploymentCount;
  pushAll(into.recoverySeconds, other.recoverySeconds);
  pushAll(into.restoreSeconds, other.restoreSeconds);
  into.reworkDeploymentCount += other.reworkDeploymentCount;
  pushAll(into.warnings, other.warnings);
}

const codeUnitOrder = (a: string, b: string) => Number(a > b) - Number(a < b);

/**
 * Total order of warnings: lead time notes break ties like deployment order (code units), the
 * recovery and restore notes like their sample order (`localeCompare`).
 */
function compareWarnings(a: KeyedWarning, b: KeyedWarning): number {
  const tie =
    a.group === 2 || a.group === 3
      ? a.tie.localeCompare(b.tie)
      : codeUnitOrder(a.tie, b.tie);
  return (
    a.group - b.group ||
    a.at - b.at ||
    tie ||
    a.seq - b.seq ||
    codeUnitOrder(a.message, b.message)
  );
}

/** `numerator / denominator`, or `null` when the denominator is 0 (undefined is not 0%). */
function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Rules 4–11 and 13 from the pooled partial of `window` (the window must be valid). */
export function finalizeWindow(
  partial: WindowPartial,
  window: DoraWindow,
): DoraMetrics {
  const days = windowDays(window);
  const { deploymentCount, failedDeploymentCount } = partial;
  const deployedDays = partial.deploymentDays.size;
  const leadTimeMedianSeconds = median(partial.leadTimeSeconds);
  const changeFailureRate = rate(failedDeploymentCount, deploymentCount);
  const recoveryMedian = median(partial.recoverySeconds);
  const warnings = [...partial.warnings].sort(compareWarnings);
  return {
    deploymentCount,
    deploymentsPerDay: deploymentCount / days,
    deploymentDays: deployedDays,
    leadTimeSampleCount: partial.leadTimeSeconds.length,
    leadTimeMedianSeconds,
    failedDeploymentCount,
    changeFailureRate,
    failedDeploymentRecoveryTimeMedianSeconds: recoveryMedian,
    timeToRestoreServiceMedianSeconds: median(partial.restoreSeconds),
    reworkDeploymentCount: partial.reworkDeploymentCount,
    deploymentReworkRate: rate(partial.reworkDeploymentCount, deploymentCount),
    bands: {
      deploymentFrequency: deploymentFrequencyBand(
        deploymentCount,
        deployedDays,
        days,
      ),
      leadTime: leadTimeBand(leadTimeMedianSeconds),
      changeFailureRate: changeFailureRateBand(changeFailureRate),
      recoveryTime: recoveryTimeBand(recoveryMedian),
    },
    warnings: [...new Set(warnings.map(w => w.message))],
  };
}
