import { entityGatePolicy } from './findingsConfig';
import { evaluateGate } from './evaluateGate';

const none = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

describe('evaluateGate', () => {
  const policy = {
    failOnOpen: 'critical' as const,
    failOnOverdue: 'high' as const,
    failOnSecrets: true,
  };

  it('passes with only findings below the thresholds', () => {
    const verdict = evaluateGate(
      {
        open: { ...none, high: 3, low: 9 },
        overdue: { ...none, medium: 2 },
        openSecrets: 0,
      },
      policy,
    );
    expect(verdict).toMatchObject({ passed: true, reasons: [] });
  });

  it('fails on an open critical, an overdue high and a secret, naming each', () => {
    const verdict = evaluateGate(
      {
        open: { ...none, critical: 1, high: 2 },
        overdue: { ...none, high: 2 },
        openSecrets: 1,
      },
      policy,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([
      '1 open critical finding(s)',
      '2 high finding(s) open past their SLA',
      '1 open secret(s)',
    ]);
  });
});

describe('entityGatePolicy', () => {
  const base = {
    failOnOpen: 'critical' as const,
    failOnOverdue: 'high' as const,
    failOnSecrets: true,
  };

  it('tightens with the annotations but never loosens', () => {
    expect(
      entityGatePolicy(base, {
        'slipway.dev/security-gate-fail-on-open': 'high',
        'slipway.dev/security-gate-fail-on-overdue': 'critical',
      }),
    ).toEqual({
      failOnOpen: 'high',
      failOnOverdue: 'high',
      failOnSecrets: true,
    });
    expect(
      entityGatePolicy(base, {
        'slipway.dev/security-gate-fail-on-open': 'none',
      }),
    ).toEqual(base);
    expect(
      entityGatePolicy(base, {
        'slipway.dev/security-gate-fail-on-open': 'bogus',
      }),
    ).toEqual(base);
  });
});
