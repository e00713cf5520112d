import {
  ApprovalRequest,
  ApprovalRequestDetails,
  EnvironmentLane,
} from '@slipway/plugin-delivery-common';

/** A pending production promotion of payments-api: 1 of 2 release managers so far. */
export function testApproval(
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: 'req-1',
    entityRef: 'component:default/payments-api',
    environment: 'production',
    environmentRef: 'resource:default/production',
    tier: 'production',
    revision: 'abc1234def5678',
    version: '1.4.0',
    state: 'pending',
    requestedBy: 'service:external:tekton',
    excluded: ['user:default/ada'],
    createdAt: '2026-11-02T10:00:00.000Z',
    expiresAt: '2026-11-03T10:00:00.000Z',
    rules: [
      {
        name: 'Release managers',
        required: 2,
        eligible: ['user:default/bruno', 'user:default/guest'],
        approvedBy: ['user:default/bruno'],
        satisfied: false,
      },
    ],
    gates: [
      {
        kind: 'security',
        name: 'security gate',
        passed: true,
        detail: 'The security gate passes',
      },
    ],
    decisions: [
      {
        userRef: 'user:default/bruno',
        decision: 'approve',
        comment: 'LGTM',
        createdAt: '2026-11-02T11:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function testDetails(
  overrides: Partial<ApprovalRequestDetails> = {},
): ApprovalRequestDetails {
  return {
    ...testApproval(),
    history: [
      {
        at: '2026-11-02T10:00:00.000Z',
        type: 'requested',
        actor: 'service:external:tekton',
        toState: 'pending',
      },
      {
        at: '2026-11-02T11:00:00.000Z',
        type: 'decision',
        actor: 'user:default/bruno',
        comment: 'approve: LGTM',
      },
    ],
    viewer: { canDecide: true },
    ...overrides,
  };
}

export function testLanes(): EnvironmentLane[] {
  return [
    {
      name: 'staging',
      entityRef: 'resource:default/staging',
      tier: 'staging',
      current: {
        deploymentId: 'run:s1',
        version: '1.4.0',
        revision: 'abc1234def5678',
        finishedAt: '2026-11-02T09:00:00.000Z',
        runUid: 's1',
      },
      previousVersions: [],
      pending: [],
    },
    {
      name: 'production',
      entityRef: 'resource:default/production',
      tier: 'production',
      current: {
        deploymentId: 'run:p1',
        version: '1.3.2',
        revision: '0123456789abcdef',
        finishedAt: '2026-11-01T09:00:00.000Z',
        runUid: 'p1',
      },
      previousVersions: [
        {
          version: '1.3.1',
          finishedAt: '2026-10-30T09:00:00.000Z',
          runUid: 'p0',
        },
      ],
      pending: [testApproval()],
      policy: {
        rules: [
          {
            name: 'Release managers',
            approvals: 2,
            from: ['group:default/release-managers'],
          },
        ],
        preventSelfApproval: true,
        requestExpiresAfterHours: 24,
        securityGate: true,
        metrics: [],
      },
    },
  ];
}
