import { TektonApprovalTask } from './approvalTaskTypes';
import { ApprovalTaskConfig } from './readApprovalTaskConfig';

/** Identities for the tests: two users by name, one through the release-managers group. */
export const testApprovalConfig: ApprovalTaskConfig = {
  enabled: true,
  environmentLabel: 'slipway.dev/environment',
  cli: 'tkn-approvaltask',
  identities: [
    {
      userRef: 'user:default/alice',
      kubernetesUser: 'alice',
      kubernetesGroups: [],
    },
    {
      userRef: 'user:default/diana',
      kubernetesUser: 'diana',
      kubernetesGroups: [],
    },
    {
      userRef: 'user:default/erin',
      kubernetesUser: 'erin@example.com',
      kubernetesGroups: ['release-managers'],
    },
  ],
};

/**
 * An ApprovalTask as the manual-approval-gate controller creates it for a production deploy of
 * payments-api: labels inherited from the PipelineRun, one user and one group approver.
 */
export function testApprovalTask(
  overrides: Partial<TektonApprovalTask['spec']> = {},
  state = 'pending',
): TektonApprovalTask {
  return {
    apiVersion: 'openshift-pipelines.org/v1alpha1',
    kind: 'ApprovalTask',
    metadata: {
      name: 'deploy-prod-approval',
      namespace: 'ci',
      uid: 'at-1',
      creationTimestamp: '2026-11-02T10:00:00Z',
      labels: {
        'backstage.io/kubernetes-id': 'payments-api',
        'slipway.dev/environment': 'production',
        'pipelinesascode.tekton.dev/sha': 'abc1234',
        'tekton.dev/pipelineRun': 'payments-api-deploy-x1',
      },
    },
    spec: {
      description: 'Promote payments-api abc1234 to production',
      numberOfApprovalsRequired: 2,
      approvers: [
        { name: 'alice', type: 'User', input: 'pending' },
        { name: 'release-managers', type: 'Group', input: 'pending' },
      ],
      ...overrides,
    },
    status: { state, startTime: '2026-11-02T10:00:01Z' },
  };
}
