import { ShippedChange } from './attribution';
import { compareDeployments } from './deployments';
import { KeyedWarning } from './partial';
import { DoraWindow } from './types';
import { inWindow, secondsBetween } from './window';

/** One change lead time sample (rule 5). */
export interface LeadTimeSample {
  sha: string;
  deploymentId: string;
  seconds: number;
}

/**
 * Rule 5: one sample per non-merge, sampled commit whose (first) shipping deployment finished in
 * the window: `deployment.finishedAt − commit.authoredAt`. Negative samples (author clock ahead,
 * bad data) are dropped and reported as warnings. Samples are in deployment order, then push order.
 */
export function leadTimeSamples(
  shipped: readonly ShippedChange[],
  window: DoraWindow,
): { samples: LeadTimeSample[]; warnings: KeyedWarning[] } {
  const samples: LeadTimeSample[] = [];
  const warnings: KeyedWarning[] = [];
  const candidates = shipped
    .filter(
      s =>
        s.sampled &&
        !s.change.isMerge &&
        inWindow(s.deployment.finishedAt, window),
    )
    .sort(
      (a, b) =>
        compareDeployments(a.deployment, b.deployment) ||
        a.change.pushSeq - b.change.pushSeq,
    );
  for (const { change, deployment } of candidates) {
    const seconds = secondsBetween(change.authoredAt, deployment.finishedAt);
    if (seconds < 0) {
      warnings.push({
        group: 1,
        at: deployment.finishedAt.getTime(),
        tie: deployment.id,
        seq: change.pushSeq,
        message: `commit ${change.sha} of ${
          change.entityRef
        } was authored ${-seconds}s after deployment ${
          deployment.id
        } finished: negative lead time dropped`,
      });
    } else {
      samples.push({ sha: change.sha, deploymentId: deployment.id, seconds });
    }
  }
  return { samples, warnings };
}
