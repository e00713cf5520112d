import {
  describeFixtures,
  readYaml,
} from '../tekton/__testUtils__/sharedTektonFixtures';
import { approvalTaskToRecord } from './approvalTaskToRecord';
import { TektonApprovalTask } from './approvalTaskTypes';
import { testApprovalConfig, testApprovalTask } from './testApprovalTasks';

describe('approvalTaskToRecord', () => {
  it('maps a pending task with its entity labels, environment, revision and commands', () => {
    expect(
      approvalTaskToRecord('prod', testApprovalTask(), testApprovalConfig),
    ).toEqual({
      key: 'prod/ci/deploy-prod-approval',
      title: 'Promote payments-api abc1234 to production',
      kubernetesId: 'payments-api',
      labels: expect.objectContaining({
        'tekton.dev/pipelineRun': 'payments-api-deploy-x1',
      }),
      namespace: 'ci',
      environment: 'production',
      revision: 'abc1234',
      state: 'pending',
      approvalsRequired: 2,
      approvers: [
        {
          name: 'alice',
          type: 'user',
          input: 'pending',
          message: undefined,
          userRefs: ['user:default/alice'],
        },
        {
          name: 'release-managers',
          type: 'group',
          input: 'pending',
          message: undefined,
          members: [],
          userRefs: ['user:default/erin'],
        },
      ],
      createdAt: '2026-11-02T10:00:00Z',
      commands: {
        approve: 'tkn-approvaltask approve deploy-prod-approval -n ci',
        reject: 'tkn-approvaltask reject deploy-prod-approval -n ci',
      },
    });
  });

  it("names who started the run from the labels it inherits: the PaC sender, else Slipway's", () => {
    const task = testApprovalTask();
    const withLabels = (labels: Record<string, string>) =>
      approvalTaskToRecord(
        'prod',
        {
          ...task,
          metadata: {
            ...task.metadata,
            labels: { ...task.metadata.labels, ...labels },
          },
        },
        testApprovalConfig,
      ).triggeredBy;
    expect(withLabels({})).toBeUndefined();
    expect(withLabels({ 'pipelinesascode.tekton.dev/sender': 'ada-l' })).toBe(
      'ada-l',
    );
    expect(withLabels({ 'slipway.dev/triggered-by': 'dan' })).toBe('dan');
  });

  it('tolerates a string count, unknown inputs and states, and a missing spec', () => {
    const odd = testApprovalTask(
      {
        numberOfApprovalsRequired: '3',
        approvers: [{ name: 'zed', input: 'maybe' }],
      },
      'whatever',
    );
    const record = approvalTaskToRecord('c', odd, testApprovalConfig);
    expect(record.approvalsRequired).toBe(3);
    expect(record.state).toBe('pending');
    expect(record.approvers).toEqual([
      expect.objectContaining({
        name: 'zed',
        type: 'user',
        input: 'pending',
        userRefs: [],
      }),
    ]);
    const bare = approvalTaskToRecord(
      'c',
      { metadata: { name: 'x', namespace: 'n' } },
      testApprovalConfig,
    );
    expect(bare).toMatchObject({
      approvalsRequired: 1,
      approvers: [],
      state: 'pending',
    });
  });
});

describeFixtures(
  'approvalTaskToRecord on the upstream manual-approval-gate examples',
  () => {
    const [pending] = readYaml<TektonApprovalTask>(
      'approvaltask-pending-full.yaml',
    );

    it('reads users, a group with members, the count and the start time', () => {
      const record = approvalTaskToRecord(
        'fixtures',
        pending,
        testApprovalConfig,
      );
      expect(record).toMatchObject({
        key: 'fixtures/my-project/deployment-approval',
        title: 'Approve deployment to production environment',
        state: 'pending',
        approvalsRequired: 2,
        // the example has no creationTimestamp: its status.startTime stands in
        createdAt: '2024-01-15T10:30:00Z',
        commands: {
          approve: 'tkn-approvaltask approve deployment-approval -n my-project',
        },
      });
      expect(record.approvers).toEqual([
        {
          name: 'alice',
          type: 'user',
          input: 'pending',
          message: undefined,
          userRefs: ['user:default/alice'],
        },
        {
          name: 'bob',
          type: 'user',
          input: 'pending',
          message: undefined,
          userRefs: [],
        },
        {
          name: 'dev-team',
          type: 'group',
          input: 'approve',
          message: undefined,
          members: [
            { name: 'charlie', input: 'approve', userRef: undefined },
            { name: 'diana', input: 'approve', userRef: 'user:default/diana' },
          ],
          userRefs: ['user:default/diana'],
        },
      ]);
    });

    it.each([
      ['approvaltask-status-approved.fragment.yaml', 'approved'],
      ['approvaltask-status-rejected.fragment.yaml', 'rejected'],
    ])('takes the verdict from the status in %s', (file, state) => {
      const [fragment] = readYaml<Pick<TektonApprovalTask, 'status'>>(file);
      const decided = { ...pending, status: fragment.status };
      expect(
        approvalTaskToRecord('fixtures', decided, testApprovalConfig).state,
      ).toBe(state);
    });
  },
);
