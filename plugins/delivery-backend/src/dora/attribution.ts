import { groupByEntity } from './deployments';
import { DoraChange, DoraDeployment, TimedWarning } from './types';

/** A commit attributed to the first production deployment that shipped it. */
export interface ShippedChange {
  change: DoraChange;
  deployment: DoraDeployment;
  /** False when the deployment is its entity's first observed one (no known commit range). */
  sampled: boolean;
}

/** Which commits each production deployment shipped, plus data-quality notes. */
export interface Attribution {
  shipped: ShippedChange[];
  /** Id of the first observed production deployment of each entity. */
  firstDeploymentIds: Set<string>;
  warnings: TimedWarning[];
}

function changeKey(change: Pick<DoraChange, 'entityRef' | 'sha'>): string {
  return `${change.entityRef}\u0000${change.sha}`;
}

/**
 * Attributes commits to rule-1 deployments (DORA.md "Inputs"):
 *
 * - a commit whose `deploymentId` names a rule-1 deployment is shipped by it (explicit link);
 * - any other commit (no link, or a link to a failed/cancelled/non-production run) follows the
 *   push chain of its entity: a deployment of head commit X ships every not-yet-shipped such
 *   commit of the entity with `pushSeq ≤ pushSeq(X)`; deployments are walked in deployment order,
 *   so a commit is attributed once, to the first deployment that shipped it;
 * - the first observed deployment of an entity still ships (consumes) the commits the push chain
 *   attributes to it, but they are marked `sampled: false` because its commit range is unknown;
 *   a commit that names its deployment is sampled there all the same (DORA.md "Inputs").
 *
 * `deployments` must be rule-1 deployments in deployment order. Commits are de-duplicated by
 * entity and sha (first record wins).
 */
export function attributeChanges(
  changes: readonly DoraChange[],
  deployments: readonly DoraDeployment[],
): Attribution {
  const byId = new Map(deployments.map(d => [d.id, d]));
  const firstDeploymentIds = new Set(
    [...groupByEntity(deployments).values()].map(group => group[0].id),
  );
  const unique = new Map<string, DoraChange>();
  for (const change of changes) {
    if (!unique.has(changeKey(change))) {
      unique.set(changeKey(change), change);
    }
  }
  const shipped: ShippedChange[] = [];
  const explicitCount = new Map<string, number>();
  const chained: DoraChange[] = [];
  for (const change of unique.values()) {
    const deployment = change.deploymentId
      ? byId.get(change.deploymentId)
      : undefined;
    if (deployment) {
      shipped.push({ change, deployment, sampled: true });
      explicitCount.set(
        deployment.id,
        (explicitCount.get(deployment.id) ?? 0) + 1,
      );
    } else {
      chained.push(change);
    }
  }
  const warnings: TimedWarning[] = [];
  const chainsByEntity = groupByEntity(
    [...chained].sort((a, b) => a.pushSeq - b.pushSeq),
  );
  for (const [entityRef, entityDeployments] of groupByEntity(deployments)) {
    const chain = chainsByEntity.get(entityRef) ?? [];
    let next = 0; // the shipped chain commits are always a prefix in push order
    for (const deployment of entityDeployments) {
      const head = deployment.commitSha
        ? unique.get(changeKey({ entityRef, sha: deployment.commitSha }))
        : undefined;
      if (!head) {
        if (!explicitCount.has(deployment.id)) {
          warnings.push({
            at: deployment.finishedAt,
            tie: `1${deployment.id}`,
            message: deployment.commitSha
              ? `deployment ${deployment.id}: commit ${deployment.commitSha} is not recorded for ${entityRef}; its commits are not attributed`
              : `deployment ${deployment.id}: no commit sha; its commits are not attributed`,
          });
        }
        continue;
      }
      const sampled = !firstDeploymentIds.has(deployment.id);
      while (next < chain.length && chain[next].pushSeq <= head.pushSeq) {
        shipped.push({ change: chain[next], deployment, sampled });
        next += 1;
      }
    }
  }
  for (const deployment of deployments) {
    if (firstDeploymentIds.has(deployment.id)) {
      warnings.push({
        at: deployment.finishedAt,
        tie: `2${deployment.id}`,
        message: `deployment ${deployment.id} is the first observed production deployment of ${deployment.entityRef}: its commits are not sampled for lead time`,
      });
    }
  }
  return { shipped, firstDeploymentIds, warnings };
}
