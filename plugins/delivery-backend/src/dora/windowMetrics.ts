import { deploymentDates, deploymentsInWindow } from './deployments';
import { leadTimeSamples } from './leadTime';
import { DoraModel } from './model';
import { WindowPartial } from './partial';
import { recoverySamples } from './recovery';
import { restoreSamples } from './restore';
import { DoraDrillDown, DoraWindow } from './types';
import { inWindow } from './window';

/**
 * Rules 4–11 for one window over the records of the model, as a {@link WindowPartial} (what the
 * pooled metrics need: counts, samples, deployment days) and the drill-down behind them. The
 * window must be valid (see `assertWindow`); `finalizeWindow` turns the partial into metrics.
 */
export function windowPartial(
  model: DoraModel,
  window: DoraWindow,
): { partial: WindowPartial; drillDown: DoraDrillDown } {
  const deployments = deploymentsInWindow(model.deployments, window);
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
  const modelWarnings = model.warnings
    .filter(w => inWindow(w.at, window))
    .map(w => ({
      group: 0 as const,
      at: w.at.getTime(),
      tie: w.tie,
      seq: 0,
      message: w.message,
    }));
  return {
    partial: {
      deploymentCount: deployments.length,
      deploymentDays: deploymentDates(deployments),
      leadTimeSeconds: leadTime.samples.map(s => s.seconds),
      failedDeploymentCount: failed.length,
      recoverySeconds: recovery.samples.map(s => s.seconds),
      restoreSeconds: restore.samples.map(s => s.seconds),
      reworkDeploymentCount: rework.length,
      warnings: [
        ...modelWarnings,
        ...leadTime.warnings,
        ...recovery.warnings,
        ...restore.warnings,
      ],
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
