import { DoraBand, DoraMetrics } from '@slipway/plugin-delivery-common';
import {
  formatDoraDuration,
  formatFrequency,
  formatRate,
  plural,
} from './doraFormat';

/** The ids of the five headline metrics. */
export type DoraMetricId =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'recoveryTime'
  | 'reworkRate';

/** How one headline metric is shown: its value, band, detail line and weekly trend. */
export interface DoraMetricDefinition {
  id: DoraMetricId;
  title: string;
  /** The raw value, formatted. */
  value(m: DoraMetrics): string;
  /** Counts behind the value, e.g. `12 samples`. */
  detail(m: DoraMetrics): string;
  /** `undefined` when the metric has no bands at all (rework rate). */
  band(m: DoraMetrics): DoraBand | null | undefined;
  /** The thresholds, for the band's tooltip. */
  thresholds?: string;
  /** The weekly trend: chart title, unit and the value of one week. */
  trend: {
    title: string;
    unit: string;
    value(m: DoraMetrics): number | null;
  };
}

const hours = (seconds: number | null) =>
  seconds === null ? null : Number((seconds / 3600).toFixed(1));
const percent = (rate: number | null) =>
  rate === null ? null : Number((rate * 100).toFixed(1));

/** The five headline metrics, in DORA's order. */
export const DORA_METRICS: DoraMetricDefinition[] = [
  {
    id: 'deploymentFrequency',
    title: 'Deployment frequency',
    value: m => formatFrequency(m.deploymentsPerDay),
    detail: m =>
      `${plural(m.deploymentCount, 'deployment')} on ${plural(
        m.deploymentDays,
        'day',
      )}`,
    band: m => m.bands.deploymentFrequency,
    thresholds: 'banded by deployment days (days with at least 1 deployment)',
    trend: {
      title: 'Deployments per week',
      unit: '',
      value: m => m.deploymentCount,
    },
  },
  {
    id: 'leadTime',
    title: 'Change lead time',
    value: m => formatDoraDuration(m.leadTimeMedianSeconds),
    detail: m => `median of ${plural(m.leadTimeSampleCount, 'commit')}`,
    band: m => m.bands.leadTime,
    thresholds: 'elite < 1 day, high < 7 days, medium < 30 days, else low',
    trend: {
      title: 'Lead time median per week (hours)',
      unit: 'h',
      value: m => hours(m.leadTimeMedianSeconds),
    },
  },
  {
    id: 'changeFailureRate',
    title: 'Change failure rate',
    value: m => formatRate(m.changeFailureRate),
    detail: m =>
      `${m.failedDeploymentCount} of ${plural(
        m.deploymentCount,
        'deployment',
      )} failed`,
    band: m => m.bands.changeFailureRate,
    thresholds: 'elite ≤ 5%, high ≤ 10%, medium ≤ 15%, else low',
    trend: {
      title: 'Change failure rate per week (%)',
      unit: '%',
      value: m => percent(m.changeFailureRate),
    },
  },
  {
    id: 'recoveryTime',
    title: 'Failed deployment recovery time',
    value: m => formatDoraDuration(m.failedDeploymentRecoveryTimeMedianSeconds),
    detail: m => `median over ${plural(m.failedDeploymentCount, 'failure')}`,
    band: m => m.bands.recoveryTime,
    thresholds: 'elite < 1 hour, high < 1 day, medium < 7 days, else low',
    trend: {
      title: 'Recovery time median per week (hours)',
      unit: 'h',
      value: m => hours(m.failedDeploymentRecoveryTimeMedianSeconds),
    },
  },
  {
    id: 'reworkRate',
    title: 'Deployment rework rate',
    value: m => formatRate(m.deploymentReworkRate),
    detail: m =>
      `${m.reworkDeploymentCount} of ${plural(
        m.deploymentCount,
        'deployment',
      )} were rework`,
    band: () => undefined,
    trend: {
      title: 'Rework rate per week (%)',
      unit: '%',
      value: m => percent(m.deploymentReworkRate),
    },
  },
];
