import { Entity } from '@backstage/catalog-model';
import {
  DoraMetrics,
  DoraRecordsResponse,
  DoraReport,
  DoraRollupReport,
} from '@slipway/plugin-delivery-common';

/** The component the DORA tests render for. */
export const testEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {},
};

/** The group the team tests render for. */
export const testGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
  spec: { type: 'team', children: [] },
};

/** Metrics of a healthy service; override what a test is about. */
export function testMetrics(overrides: Partial<DoraMetrics> = {}): DoraMetrics {
  return {
    deploymentCount: 15,
    deploymentsPerDay: 0.5,
    deploymentDays: 12,
    leadTimeSampleCount: 40,
    leadTimeMedianSeconds: 18000,
    failedDeploymentCount: 3,
    changeFailureRate: 0.2,
    failedDeploymentRecoveryTimeMedianSeconds: 2700,
    timeToRestoreServiceMedianSeconds: 5400,
    reworkDeploymentCount: 1,
    deploymentReworkRate: 1 / 15,
    bands: {
      deploymentFrequency: 'high',
      leadTime: 'elite',
      changeFailureRate: 'low',
      recoveryTime: 'elite',
    },
    warnings: [],
    ...overrides,
  };
}

/** A metrics block with no deployments at all. */
export function emptyMetrics(): DoraMetrics {
  return testMetrics({
    deploymentCount: 0,
    deploymentsPerDay: 0,
    deploymentDays: 0,
    leadTimeSampleCount: 0,
    leadTimeMedianSeconds: null,
    failedDeploymentCount: 0,
    changeFailureRate: null,
    failedDeploymentRecoveryTimeMedianSeconds: null,
    timeToRestoreServiceMedianSeconds: null,
    reworkDeploymentCount: 0,
    deploymentReworkRate: null,
    bands: {
      deploymentFrequency: null,
      leadTime: null,
      changeFailureRate: null,
      recoveryTime: null,
    },
  });
}

/** Weekly series of `weeks` weeks ending 2026-03-02, deployments rising by one a week. */
export function testSeries(weeks: number): NonNullable<DoraReport['series']> {
  const end = Date.parse('2026-03-02T00:00:00.000Z');
  return Array.from({ length: weeks }, (_, i) => {
    const from = new Date(end - (weeks - i) * 7 * 86_400_000).toISOString();
    const to = new Date(end - (weeks - i - 1) * 7 * 86_400_000).toISOString();
    return {
      from,
      to,
      ...testMetrics({
        deploymentCount: i + 1,
        deploymentsPerDay: (i + 1) / 7,
      }),
    };
  });
}

/** A report of {@link testMetrics} over 30 days; override what a test is about. */
export function testReport(overrides: Partial<DoraReport> = {}): DoraReport {
  return {
    ...testMetrics(),
    from: '2026-01-31T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    windowDays: 30,
    drillDown: {
      deployments: ['dep-1', 'dep-2', 'dep-3'],
      leadTimeSamples: [
        { sha: 'aaaaaaaa1111', deploymentId: 'dep-1', seconds: 18000 },
        { sha: 'cccccccc3333', deploymentId: 'dep-2', seconds: 200000 },
      ],
      failedDeployments: [{ deploymentId: 'dep-2', incidentIds: ['inc-1'] }],
      recoverySamples: [{ deploymentId: 'dep-2', seconds: 2700 }],
      restoreSamples: [{ incidentId: 'inc-1', seconds: 5400 }],
      reworkDeployments: ['dep-3'],
    },
    ...overrides,
  };
}

/** A pooled roll-up as `GET /dora` answers it: {@link testReport} without the drill-down. */
export function testRollup(
  overrides: Partial<DoraRollupReport> = {},
): DoraRollupReport {
  const { drillDown: _omitted, ...report } = testReport();
  return { ...report, entityRefs: [], ...overrides };
}

/** The records behind {@link testReport}: three production deployments and one on staging. */
export function testRecords(): DoraRecordsResponse {
  const entityRef = 'component:default/payments-api';
  return {
    from: '2026-01-31T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    deployments: [
      {
        id: 'dep-1',
        entityRef,
        environment: 'production',
        status: 'success',
        finishedAt: '2026-02-10T10:00:00.000Z',
        commitSha: 'aaaaaaaa1111',
        version: '1.0.0',
      },
      {
        id: 'dep-2',
        entityRef,
        environment: 'production',
        status: 'success',
        finishedAt: '2026-02-12T10:00:00.000Z',
        commitSha: 'bbbbbbbb2222',
        version: '1.1.0',
      },
      {
        id: 'dep-3',
        entityRef,
        environment: 'production',
        status: 'success',
        finishedAt: '2026-02-13T10:00:00.000Z',
        commitSha: 'aaaaaaaa1111',
        version: '1.0.0',
      },
      {
        id: 'dep-stg',
        entityRef,
        environment: 'staging',
        status: 'failed',
        finishedAt: '2026-02-09T10:00:00.000Z',
        commitSha: 'aaaaaaaa1111',
      },
    ],
    changes: [
      {
        sha: 'aaaaaaaa1111',
        entityRef,
        authoredAt: '2026-02-10T05:00:00.000Z',
        isMerge: false,
      },
      {
        sha: 'dddddddd4444',
        entityRef,
        authoredAt: '2026-02-20T05:00:00.000Z',
        isMerge: false,
      },
    ],
    incidents: [
      {
        id: 'inc-1',
        entityRef,
        startedAt: '2026-02-12T11:00:00.000Z',
        resolvedAt: '2026-02-12T12:30:00.000Z',
      },
    ],
  };
}
