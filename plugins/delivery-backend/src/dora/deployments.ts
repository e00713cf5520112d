import { DoraDeployment, DoraOptions, DoraWindow } from './types';
import { inWindow } from './window';

/** The production tier used when `productionEnvironments` is empty. */
export const DEFAULT_PRODUCTION_ENVIRONMENTS: readonly string[] = [
  'production',
  'prod',
];

/** Rule 1's production tier, trimmed and lower-cased (the default when none is configured). */
export function productionTier(
  options: Pick<DoraOptions, 'productionEnvironments'>,
): string[] {
  const configured = options.productionEnvironments ?? [];
  return [
    ...new Set(
      (configured.length > 0
        ? configured
        : DEFAULT_PRODUCTION_ENVIRONMENTS
      ).map(e => e.trim().toLowerCase()),
    ),
  ];
}

/** Rule 1 predicate factory: `status === 'success'` in an environment of the production tier. */
export function productionMatcher(
  options: Pick<DoraOptions, 'productionEnvironments'>,
): (deployment: DoraDeployment) => boolean {
  const tier = new Set(productionTier(options));
  return d =>
    d.status === 'success' && tier.has(d.environment.trim().toLowerCase());
}

/** Deployment order: by `finishedAt` (rule 2), ties broken by id so results are deterministic. */
export function compareDeployments(a: DoraDeployment, b: DoraDeployment) {
  return (
    a.finishedAt.getTime() - b.finishedAt.getTime() ||
    Number(a.id > b.id) - Number(a.id < b.id)
  );
}

/**
 * Rule 1: the deployments among `records` (failed and cancelled runs and other environments are
 * dropped), de-duplicated by id (first record wins) and sorted in deployment order.
 */
export function productionDeployments(
  records: readonly DoraDeployment[],
  options: Pick<DoraOptions, 'productionEnvironments'>,
): DoraDeployment[] {
  const isProduction = productionMatcher(options);
  const byId = new Map<string, DoraDeployment>();
  for (const record of records) {
    if (isProduction(record) && !byId.has(record.id)) {
      byId.set(record.id, record);
    }
  }
  return [...byId.values()].sort(compareDeployments);
}

/** Groups items by `entityRef`, keeping their order within each group. */
export function groupByEntity<T extends { entityRef: string }>(
  items: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.entityRef);
    if (group) {
      group.push(item);
    } else {
      groups.set(item.entityRef, [item]);
    }
  }
  return groups;
}

/** Rules 2–4: the deployments that finished in the window, in deployment order. */
export function deploymentsInWindow(
  deployments: readonly DoraDeployment[],
  window: DoraWindow,
): DoraDeployment[] {
  return deployments.filter(d => inWindow(d.finishedAt, window));
}

/**
 * Rule 13: deployment days — the distinct UTC calendar dates (`YYYY-MM-DD`) on which a
 * deployment finished (a set, so that pooled entities count a shared day once).
 */
export function deploymentDates(
  deployments: readonly DoraDeployment[],
): Set<string> {
  return new Set(deployments.map(d => d.finishedAt.toISOString().slice(0, 10)));
}
