import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import { ChangeEvent, IncidentEvent } from '../events/EventsStore';
import { SeededRandom } from './random';

const HOUR = 3_600_000;

/**
 * How often a production deployment of each demo entity causes an incident, and how long
 * recovery takes, so the demo components have distinct DORA profiles.
 */
const PROFILES: Record<
  string,
  { incidentRate: number; recoveryHours: [number, number] }
> = {
  'payments-api': { incidentRate: 0.05, recoveryHours: [0.3, 2] },
  'checkout-web': { incidentRate: 0.12, recoveryHours: [1, 12] },
  'fraud-model': { incidentRate: 0.3, recoveryHours: [4, 72] },
  'ledger-service': { incidentRate: 0.18, recoveryHours: [2, 30] },
};

/**
 * Commits and incidents behind a demo entity's runs: every main-branch CI run pushed 1–3 commits
 * (the run's revision last) authored hours to days before it; some production deployments cause
 * an incident that is resolved later (the newest may still be open).
 */
export function demoDoraRecords(
  entityRef: string,
  runs: PipelineRunRecord[],
  now: Date,
): { changes: ChangeEvent[]; incidents: IncidentEvent[] } {
  const rng = new SeededRandom(`dora:${entityRef}`);
  const name = entityRef.split('/').pop()!;
  const profile = PROFILES[name] ?? {
    incidentRate: 0.1,
    recoveryHours: [1, 24],
  };
  const byTime = [...runs].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  const changes: ChangeEvent[] = [];
  for (const run of byTime) {
    if (run.environment || run.git.branch !== 'main' || !run.git.revision)
      continue;
    const created = Date.parse(run.createdAt);
    const count = rng.int(1, 3);
    for (let i = count; i >= 1; i--) {
      const sha = i === 1 ? run.git.revision : rng.hex(40);
      changes.push({
        sha,
        entityRef,
        authoredAt: new Date(created - rng.int(1, 72) * HOUR * i).toISOString(),
        isMerge: i === 1 && rng.chance(0.3),
      });
    }
  }
  const incidents: IncidentEvent[] = [];
  for (const run of byTime) {
    if (
      run.environment !== 'production' ||
      run.status !== 'succeeded' ||
      !run.completedAt
    )
      continue;
    if (!rng.chance(profile.incidentRate)) continue;
    const started = Date.parse(run.completedAt) + rng.int(5, 240) * 60_000;
    const resolved =
      started +
      rng.int(profile.recoveryHours[0] * 60, profile.recoveryHours[1] * 60) *
        60_000;
    incidents.push({
      id: `demo-incident-${name}-${incidents.length + 1}`,
      entityRef,
      title: `${name}: elevated error rate after deploy`,
      startedAt: new Date(started).toISOString(),
      resolvedAt:
        resolved < now.getTime() ? new Date(resolved).toISOString() : null,
      causedByDeploymentId: rng.chance(0.7) ? `run:${run.uid}` : undefined,
    });
  }
  return { changes, incidents };
}
