import { attributeChanges, ShippedChange } from './attribution';
import { productionDeployments } from './deployments';
import { attributeIncidents } from './failures';
import { reworkDeploymentIds } from './rework';
import {
  DoraDeployment,
  DoraIncident,
  DoraInput,
  DoraOptions,
  TimedWarning,
} from './types';

/**
 * Everything about the records that does not depend on the window: the rule-1 deployments, which
 * commits each shipped, which incidents each caused, which are rework. Computed once and then
 * cut into any number of windows (the result and each series slice).
 */
export interface DoraModel {
  /** Rule-1 deployments of all entities, in deployment order. */
  deployments: DoraDeployment[];
  deploymentsById: Map<string, DoraDeployment>;
  shipped: ShippedChange[];
  incidents: DoraIncident[];
  incidentsByDeployment: Map<string, DoraIncident[]>;
  reworkIds: Set<string>;
  /** Data-quality notes, each reported by the window containing its moment. */
  warnings: TimedWarning[];
}

/**
 * Builds the window-independent {@link DoraModel}. Attribution (commits, incidents) and rework
 * are judged per entity, so pooling entities (rule 12) never mixes their histories.
 */
export function buildDoraModel(
  input: DoraInput,
  options: DoraOptions,
): DoraModel {
  const deployments = productionDeployments(input.deployments, options);
  const attribution = attributeChanges(input.changes, deployments);
  const failures = attributeIncidents(
    input.incidents,
    deployments,
    input.deployments,
    options,
  );
  return {
    deployments,
    deploymentsById: new Map(deployments.map(d => [d.id, d])),
    shipped: attribution.shipped,
    incidents: input.incidents,
    incidentsByDeployment: failures.incidentsByDeployment,
    reworkIds: reworkDeploymentIds(deployments),
    warnings: [...failures.warnings, ...attribution.warnings].sort(
      (a, b) => a.at.getTime() - b.at.getTime(),
    ),
  };
}
