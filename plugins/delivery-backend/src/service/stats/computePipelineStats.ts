import { PipelineStats } from '@slipway/plugin-delivery-common';
import { RunFact } from '../../database/DeliveryStore';

/** Linear-interpolated percentile (p in [0, 1]) of sorted values; PERCENTILE_CONT semantics. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) {
    return null;
  }
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

const TOP_REASONS = 5;

/** Per-pipeline success rate, duration median/p90 and failure reasons from run facts. */
export function computePipelineStats(facts: RunFact[]): PipelineStats[] {
  const byPipeline = new Map<string, RunFact[]>();
  for (const fact of facts) {
    byPipeline.set(fact.pipelineName, [
      ...(byPipeline.get(fact.pipelineName) ?? []),
      fact,
    ]);
  }
  const stats: PipelineStats[] = [];
  for (const [pipelineName, runs] of byPipeline) {
    const count = (status: RunFact['status']) =>
      runs.filter(r => r.status === status).length;
    const succeeded = count('succeeded');
    const failed = count('failed');
    const cancelled = count('cancelled');
    const timedOut = count('timedOut');
    const judged = succeeded + failed + timedOut;
    const durations = runs
      .filter(r => r.status === 'succeeded' && r.durationSeconds !== undefined)
      .map(r => r.durationSeconds!)
      .sort((a, b) => a - b);
    const reasons = new Map<string, number>();
    for (const run of runs.filter(
      r => r.status === 'failed' || r.status === 'timedOut',
    )) {
      const reason = run.failedTask ?? run.reason ?? run.status;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    stats.push({
      pipelineName,
      finishedRuns: succeeded + failed + cancelled + timedOut,
      succeeded,
      failed,
      cancelled,
      timedOut,
      successRate: judged > 0 ? succeeded / judged : null,
      durationMedianSeconds: percentile(durations, 0.5),
      durationP90Seconds: percentile(durations, 0.9),
      failureReasons: [...reasons]
        .map(([reason, n]) => ({ reason, count: n }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
        .slice(0, TOP_REASONS),
    });
  }
  return stats.sort((a, b) => a.pipelineName.localeCompare(b.pipelineName));
}

const WEEK_MS = 7 * 86_400_000;

/** The statistics per week of `[from, to)`, oldest first; the last week may be shorter. */
export function weeklyPipelineStats(facts: RunFact[], from: Date, to: Date) {
  const weeks: Array<{ from: string; to: string; pipelines: PipelineStats[] }> =
    [];
  for (let start = from.getTime(); start < to.getTime(); start += WEEK_MS) {
    const end = Math.min(start + WEEK_MS, to.getTime());
    const inWeek = facts.filter(
      f => f.startedAt.getTime() >= start && f.startedAt.getTime() < end,
    );
    weeks.push({
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      pipelines: computePipelineStats(inWeek),
    });
  }
  return weeks;
}
