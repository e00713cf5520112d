import { groupByEntity } from './deployments';
import {
  DoraDeployment,
  DoraIncident,
  DoraOptions,
  TimedWarning,
} from './types';

/** Incidents attributed to the rule-1 deployments that caused them (rule 7). */
export interface FailureAttribution {
  /** Deployment id → its incidents, ordered by `startedAt`. Only failed deployments appear. */
  incidentsByDeployment: Map<string, DoraIncident[]>;
  warnings: TimedWarning[];
}

/** The last deployment of `sorted` that finished strictly before `at`, by binary search. */
function latestBefore(
  sorted: readonly DoraDeployment[],
  at: Date,
): DoraDeployment | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].finishedAt.getTime() < at.getTime()) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low > 0 ? sorted[low - 1] : undefined;
}

/**
 * Rule 7 attribution, independent of any window:
 *
 * - an incident with `causedByDeploymentId` is attributed to that deployment when it is a rule-1
 *   deployment; a link to a failed/cancelled/non-production run or to an unknown id attributes it
 *   to nothing (such runs are not change failures) and is reported as a warning — no fallback,
 *   since the rule's fallback is for incidents *without* a link;
 * - an incident without a link goes to the latest rule-1 deployment of the same entity that
 *   finished strictly before the incident started, if `startedAt − finishedAt ≤
 *   maxIncidentLagSeconds` (when set); otherwise to nothing.
 *
 * `deployments` must be the rule-1 deployments in deployment order; `allRuns` is every deployment
 * record given (used to word the warnings). Incidents are de-duplicated by id.
 */
export function attributeIncidents(
  incidents: readonly DoraIncident[],
  deployments: readonly DoraDeployment[],
  allRuns: readonly DoraDeployment[],
  options: Pick<DoraOptions, 'maxIncidentLagSeconds'>,
): FailureAttribution {
  const byId = new Map(deployments.map(d => [d.id, d]));
  const runIds = new Set(allRuns.map(r => r.id));
  const byEntity = groupByEntity(deployments);
  const maxLagMs =
    options.maxIncidentLagSeconds === undefined
      ? Infinity
      : options.maxIncidentLagSeconds * 1000;
  const incidentsByDeployment = new Map<string, DoraIncident[]>();
  const warnings: TimedWarning[] = [];
  const seen = new Set<string>();
  const ordered = [...incidents].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime(),
  );
  for (const incident of ordered) {
    if (seen.has(incident.id)) {
      continue;
    }
    seen.add(incident.id);
    let cause: DoraDeployment | undefined;
    const link = incident.causedByDeploymentId;
    if (link) {
      cause = byId.get(link);
      if (!cause) {
        warnings.push({
          at: incident.startedAt,
          tie: `0${incident.id}`,
          message: runIds.has(link)
            ? `incident ${incident.id} is linked to ${link}, which is not a successful production deployment: not a change failure`
            : `incident ${incident.id} is linked to unknown deployment ${link}: not a change failure`,
        });
      }
    } else {
      const candidate = latestBefore(
        byEntity.get(incident.entityRef) ?? [],
        incident.startedAt,
      );
      const lag = candidate
        ? incident.startedAt.getTime() - candidate.finishedAt.getTime()
        : Infinity;
      cause = lag <= maxLagMs ? candidate : undefined;
    }
    if (cause) {
      const list = incidentsByDeployment.get(cause.id) ?? [];
      list.push(incident);
      incidentsByDeployment.set(cause.id, list);
    }
  }
  return { incidentsByDeployment, warnings };
}
