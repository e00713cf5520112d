import {
  componentPolicySchema,
  environmentPolicySchema,
  toApprovalPolicy,
} from './policySchema';
import { tightenPolicy } from './tightenPolicy';

const base = toApprovalPolicy(
  environmentPolicySchema.parse({
    rules: [{ name: 'RM', approvals: 2, from: ['group:default/rm'] }],
    preventSelfApproval: false,
    requestExpiresAfter: 'PT24H',
    waitAfterPrevious: { minutes: 30 },
    gates: { metrics: ['accuracy >= 0.8'] },
  }),
);

describe('tightenPolicy', () => {
  it('never loosens: counts, expiry, wait and gates only get stricter', () => {
    const tightened = tightenPolicy(
      base,
      componentPolicySchema.parse({
        rules: [
          { name: 'RM', approvals: 1, from: ['user:default/me'] },
          { name: 'Leads', approvals: 1, from: ['group:default/leads'] },
        ],
        preventSelfApproval: true,
        requestExpiresAfter: 'PT48H',
        approvalValidFor: 'PT2H',
        waitAfterPrevious: 'PT10M',
        gates: {
          securityGate: true,
          metrics: ['accuracy >= 0.8', 'auc >= 0.9'],
        },
      }),
    );
    expect(tightened).toEqual({
      rules: [
        { name: 'RM', approvals: 2, from: ['group:default/rm'] },
        { name: 'Leads', approvals: 1, from: ['group:default/leads'] },
      ],
      preventSelfApproval: true,
      requestExpiresAfterMs: 24 * 3_600_000,
      approvalValidForMs: 2 * 3_600_000,
      waitAfterPreviousMs: 30 * 60_000,
      securityGate: true,
      trustedDeploymentSources: [],
      unresolvedIdentities: 'block',
      metrics: ['accuracy >= 0.8', 'auc >= 0.9'],
    });
  });

  it('takes a stricter count for a rule of the same name', () => {
    const tightened = tightenPolicy(
      base,
      componentPolicySchema.parse({
        rules: [{ name: 'RM', approvals: 3, from: ['x'] }],
      }),
    );
    expect(tightened.rules).toEqual([
      { name: 'RM', approvals: 3, from: ['group:default/rm'] },
    ]);
  });

  it('refuses a component that turns self-approval prevention off, and bad durations', () => {
    expect(
      componentPolicySchema.safeParse({ preventSelfApproval: false }).success,
    ).toBe(false);
    const bad = environmentPolicySchema.safeParse({
      requestExpiresAfter: '24 hours',
    });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(
      /not a positive duration/,
    );
  });
});
