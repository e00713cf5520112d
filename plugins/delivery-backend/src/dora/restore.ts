import { KeyedWarning } from './partial';
import { DoraIncident, DoraWindow } from './types';
import { inWindow, secondsBetween } from './window';

/** One time-to-restore sample (rule 10). */
export interface RestoreSample {
  incidentId: string;
  seconds: number;
}

/**
 * Rule 10 (legacy time to restore service): `resolvedAt − startedAt` for every incident resolved
 * in the window, attributed to a deployment or not. Open incidents give no sample; negative
 * durations are dropped with a warning. Incidents are de-duplicated by id; samples are ordered
 * by resolution time.
 */
export function restoreSamples(
  incidents: readonly DoraIncident[],
  window: DoraWindow,
): { samples: RestoreSample[]; warnings: KeyedWarning[] } {
  const seen = new Set<string>();
  const resolved: Array<{ incident: DoraIncident; at: Date }> = [];
  for (const incident of incidents) {
    if (seen.has(incident.id)) {
      continue;
    }
    seen.add(incident.id);
    if (incident.resolvedAt && inWindow(incident.resolvedAt, window)) {
      resolved.push({ incident, at: incident.resolvedAt });
    }
  }
  resolved.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.incident.id.localeCompare(b.incident.id),
  );
  const samples: RestoreSample[] = [];
  const warnings: KeyedWarning[] = [];
  for (const { incident, at } of resolved) {
    const seconds = secondsBetween(incident.startedAt, at);
    if (seconds < 0) {
      warnings.push({
        group: 3,
        at: at.getTime(),
        tie: incident.id,
        seq: 0,
        message: `incident ${
          incident.id
        } was resolved ${-seconds}s before it started: negative time to restore dropped`,
      });
    } else {
      samples.push({ incidentId: incident.id, seconds });
    }
  }
  return { samples, warnings };
}
