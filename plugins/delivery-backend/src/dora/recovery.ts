import { KeyedWarning } from './partial';
import { DoraDeployment, DoraIncident, DoraWindow } from './types';
import { inWindow, secondsBetween } from './window';

/** One failed deployment recovery time sample (rule 9). */
export interface RecoverySample {
  deploymentId: string;
  seconds: number;
}

/**
 * Rule 9: for each failed deployment — wherever it lies in time — whose attributed incidents are
 * all resolved, `max(resolvedAt) − deployment.finishedAt`, counted in the window that contains
 * the recovery moment `max(resolvedAt)`. A deployment with an open incident gives no sample.
 * Negative samples (an incident resolved before its cause finished) are dropped with a warning.
 * Samples are ordered by recovery moment.
 */
export function recoverySamples(
  incidentsByDeployment: ReadonlyMap<string, readonly DoraIncident[]>,
  deploymentsById: ReadonlyMap<string, DoraDeployment>,
  window: DoraWindow,
): { samples: RecoverySample[]; warnings: KeyedWarning[] } {
  const recovered: Array<{ deployment: DoraDeployment; at: Date }> = [];
  for (const [deploymentId, incidents] of incidentsByDeployment) {
    const deployment = deploymentsById.get(deploymentId);
    const resolved = incidents.map(i => i.resolvedAt);
    if (!deployment || resolved.some(r => r === undefined)) {
      continue;
    }
    const at = new Date(Math.max(...resolved.map(r => r!.getTime())));
    if (inWindow(at, window)) {
      recovered.push({ deployment, at });
    }
  }
  recovered.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.deployment.id.localeCompare(b.deployment.id),
  );
  const samples: RecoverySample[] = [];
  const warnings: KeyedWarning[] = [];
  for (const { deployment, at } of recovered) {
    const seconds = secondsBetween(deployment.finishedAt, at);
    if (seconds < 0) {
      warnings.push({
        group: 2,
        at: at.getTime(),
        tie: deployment.id,
        seq: 0,
        message: `deployment ${
          deployment.id
        }: its incidents were resolved ${-seconds}s before it finished: negative recovery time dropped`,
      });
    } else {
      samples.push({ deploymentId: deployment.id, seconds });
    }
  }
  return { samples, warnings };
}
