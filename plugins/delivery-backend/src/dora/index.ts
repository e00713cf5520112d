/**
 * The DORA computation engine: pure functions over deployments, commits and incidents that
 * implement DORA.md ("DORA metrics — the definitions Slipway uses"). See {@link computeDora}.
 *
 * @packageDocumentation
 */
export {
  computeDora,
  computeDoraPartial,
  emptyDoraPartial,
  finalizeDora,
  mergeDoraPartials,
} from './computeDora';
export type { DoraPartial } from './computeDora';
export { DEFAULT_PRODUCTION_ENVIRONMENTS, productionTier } from './deployments';
export { median } from './median';
export {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  recoveryTimeBand,
} from './bands';
export type {
  Band,
  DoraChange,
  DoraDeployment,
  DoraDrillDown,
  DoraIncident,
  DoraInput,
  DoraMetrics,
  DoraOptions,
  DoraResult,
  DoraSummary,
  DoraWindow,
} from './types';
