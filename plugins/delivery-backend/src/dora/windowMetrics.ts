import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  recoveryTimeBand,
} from './bands';
import { deploymentDays, deploymentsInWindow } from './deployments';
import { leadTimeSamples } from './leadTime';
import { median } from './median';
import { DoraModel } from './model';
import { recoverySamples } from './recovery';
import { restoreSamples } from './restore';
import { DoraDrillDown, DoraMetrics, DoraWindow } from './types';
import { inWindow, windowDays } from './window';

/** `numerator / denominator`, or `null` when the denominator is 0 (undefined is not 0%). */
function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Rules 4–11 and 13 for one window over the pooled records of the model (rule 12: samples and
 * counts are pooled, never averaged). The window must be valid (see `assertWindow`).
 */
export function windowMetrics(
  model: DoraModel,
  window: DoraWindow,
): { metrics: DoraMetrics; drillDown: DoraDrillDown } {
  const days = windowDays(window);
  const deployments = deploymentsInWindow(model.deployments, window);
  const deploymentCount = deployments.length;
  const deployedDays = deploymentDays(deployments);
  const leadTime = leadTimeSamples(model.shipped, window);
  const failed = deployments
    .filter(d => model.incidentsByDeployment.has(d.id))
    .map(d => ({
      deploymentId: d.id,
      incidentIds: model.incidentsByDeployment.get(d.id)!.map(i => i.id),
    }));
  const recovery = recoverySamples(
    model.incidentsByDeployment,
    model.deploymentsById,
    window,
  );
  const restore = restoreSamples(model.incidents, window);
  const rework = deployments
    .filter(d => model.reworkIds.has(d.id))
    .map(d => d.id);
  const leadTimeMedianSeconds = median(leadTime.samples.map(s => s.seconds));
  const changeFailureRate = rate(failed.length, deploymentCount);
  const recoveryMedian = median(recovery.samples.map(s => s.seconds));
  const warnings = [
    ...model.warnings.filter(w => inWindow(w.at, window)).map(w => w.message),
    ...leadTime.warnings,
    ...recovery.warnings,
    ...restore.warnings,
  ];
  return {
    metrics: {
      deploymentCount,
      deploymentsPerDay: deploymentCount / days,
      deploymentDays: deployedDays,
      leadTimeSampleCount: leadTime.samples.length,
      leadTimeMedianSeconds,
      failedDeploymentCount: failed.length,
      changeFailureRate,
      failedDeploymentRecoveryTimeMedianSeconds: recoveryMedian,
      timeToRestoreServiceMedianSeconds: median(
        restore.samples.map(s => s.seconds),
      ),
      reworkDeploymentCount: rework.length,
      deploymentReworkRate: rate(rework.length, deploymentCount),
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
      warnings: [...new Set(warnings)],
    },
    drillDown: {
      deployments: deployments.map(d => d.id),
      leadTimeSamples: leadTime.samples,
      failedDeployments: failed,
      recoverySamples: recovery.samples,
      restoreSamples: restore.samples,
      reworkDeployments: rework,
    },
  };
}
