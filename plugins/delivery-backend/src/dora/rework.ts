import { groupByEntity } from './deployments';
import { DoraDeployment } from './types';

/**
 * Whether two deployments shipped the same artifact: compared by `version` when both have one,
 * else by `commitSha` when both have one, else unknown (`undefined`).
 */
export function sameArtifact(
  a: DoraDeployment,
  b: DoraDeployment,
): boolean | undefined {
  if (a.version && b.version) {
    return a.version === b.version;
  }
  if (a.commitSha && b.commitSha) {
    return a.commitSha === b.commitSha;
  }
  return undefined;
}

/**
 * Rule 11: ids of the rework deployments among the rule-1 `deployments` (in deployment order),
 * judged per entity against that entity's earlier deployments:
 *
 * - `remediationFor` is set (hotfix / fix-forward), or
 * - a rollback: some earlier deployment of the entity shipped the same artifact AND the
 *   immediately preceding deployment of the entity certainly shipped a different one
 *   (v1, v2, v1 → the third is a rollback; v1, v1 is a redeploy, not a rollback). When the
 *   comparison with the preceding deployment is unknown (no version and no sha on one side) the
 *   deployment is not counted as a rollback.
 */
export function reworkDeploymentIds(
  deployments: readonly DoraDeployment[],
): Set<string> {
  const rework = new Set<string>();
  for (const entityDeployments of groupByEntity(deployments).values()) {
    // what earlier deployments shipped, indexed so that `sameArtifact(d, e) === true` for some
    // earlier e is a set lookup
    const versions = new Set<string>();
    const unversionedShas = new Set<string>();
    const shas = new Set<string>();
    entityDeployments.forEach((deployment, i) => {
      const { version, commitSha } = deployment;
      const redeploys = version
        ? versions.has(version) ||
          (!!commitSha && unversionedShas.has(commitSha))
        : !!commitSha && shas.has(commitSha);
      const differs =
        i > 0 && sameArtifact(deployment, entityDeployments[i - 1]) === false;
      if (deployment.remediationFor || (redeploys && differs)) {
        rework.add(deployment.id);
      }
      if (version) {
        versions.add(version);
      } else if (commitSha) {
        unversionedShas.add(commitSha);
      }
      if (commitSha) {
        shas.add(commitSha);
      }
    });
  }
  return rework;
}
