import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';
import { deliveryApiRef } from '../../api';
import { ApprovalRequestCard } from './ApprovalRequestCard';
import { testApproval, testDetails } from './testApprovals';

const external: ApprovalRequest['external'] = {
  source: 'tekton-approvaltask',
  key: 'prod/ci/deploy-prod-approval',
  title: 'Promote payments-api to production',
  approvers: [
    {
      name: 'alice',
      type: 'user',
      input: 'approve',
      userRefs: ['user:default/alice'],
    },
    {
      name: 'release-managers',
      type: 'group',
      input: 'pending',
      members: [],
      userRefs: [],
    },
  ],
  commands: {
    approve: 'tkn-approvaltask approve deploy-prod-approval -n ci',
    reject: 'tkn-approvaltask reject deploy-prod-approval -n ci',
  },
};

async function renderCard(viewer: {
  canDecide: boolean;
  reason?: string;
  command?: string;
}) {
  const request = testApproval({ external });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          deliveryApiRef,
          {
            getApproval: jest
              .fn()
              .mockResolvedValue(testDetails({ external, viewer })),
          },
        ],
        [alertApiRef, { post: jest.fn() }],
      ]}
    >
      <ApprovalRequestCard request={request} onDecided={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('ApprovalRequestCard for a mirrored ApprovalTask', () => {
  it('shows the source, the approvers’ answers and, read-only, the commands to run', async () => {
    await renderCard({
      canDecide: false,
      reason:
        'Slipway cannot write to tekton-approvaltask as you; decide with the command',
      command: external!.commands.approve,
    });
    expect(screen.getByText('tekton-approvaltask')).toBeInTheDocument();
    // the source decides when it ends: no Slipway expiry is shown
    expect(screen.queryByText(/expires/)).toBeNull();
    expect(
      screen.getByText('Approvers: ✔ alice · ○ group release-managers'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/decide with the command/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/tkn-approvaltask reject deploy-prod-approval -n ci/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('offers Approve and Reject, without commands, to a user Slipway can act for', async () => {
    await renderCard({ canDecide: true });
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/tkn-approvaltask approve/)).toBeNull();
  });
});
