import { Entity } from '@backstage/catalog-model';
import {
  Finding,
  FindingSeverity,
  FindingTrendPoint,
  SecurityGateVerdict,
} from '@slipway/plugin-delivery-common';

/** The entity the Security tests render for. */
export const testEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {},
};

/** A reference a hostile report could carry; built so no linter mistakes the test for eval. */
export const SCRIPT_REFERENCE = ['javascript', 'alert(1)'].join(':');

/** A critical, overdue npm dependency finding; override what a test is about. */
export function testFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'f1',
    entityRef: 'component:default/payments-api',
    tool: 'trivy',
    toolVersion: '0.58.1',
    target: 'package-lock.json',
    fingerprint: 'fp-1',
    category: 'dependency',
    severity: 'critical',
    ruleId: 'CVE-2024-21538',
    aliases: ['GHSA-3xgq-45jj-v275'],
    title: 'cross-spawn: regular expression denial of service',
    description:
      'Versions of cross-spawn before 7.0.5 are vulnerable to ReDoS.',
    package: 'cross-spawn',
    installedVersion: '7.0.3',
    fixedVersion: '7.0.5',
    location: { path: 'package-lock.json', startLine: 120 },
    references: [
      'https://nvd.nist.gov/vuln/detail/CVE-2024-21538',
      SCRIPT_REFERENCE,
    ],
    status: 'open',
    overdue: true,
    slaDueAt: '2026-01-08T10:00:00.000Z',
    firstSeenAt: '2026-01-01T10:00:00.000Z',
    lastSeenAt: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A verdict with nothing open; override the counts a test is about. */
export function testGate(
  overrides: Partial<SecurityGateVerdict> = {},
): SecurityGateVerdict {
  return {
    passed: true,
    reasons: [],
    open: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    overdue: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    openSecrets: 0,
    ...overrides,
  };
}

/** One trend point per entry, a day apart from 2026-01-01, with the given open counts. */
export function testTrend(
  days: Array<Partial<Record<FindingSeverity, number>>>,
): FindingTrendPoint[] {
  return days.map((open, i) => ({
    date: `2026-01-${String(i + 1).padStart(2, '0')}`,
    open: { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...open },
  }));
}
