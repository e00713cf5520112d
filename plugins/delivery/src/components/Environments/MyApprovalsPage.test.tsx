import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { MyApprovalsPage } from './MyApprovalsPage';
import { testApproval, testDetails } from './testApprovals';

async function renderPage(api: Partial<DeliveryApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [alertApiRef, { post: jest.fn() }],
      ]}
    >
      <MyApprovalsPage />
    </TestApiProvider>,
  );
}

describe('MyApprovalsPage', () => {
  it('lists the pending promotions waiting for the user, across entities', async () => {
    const listApprovals = jest
      .fn()
      .mockResolvedValue({ items: [testApproval()] });
    await renderPage({
      listApprovals,
      getApproval: jest.fn().mockResolvedValue(testDetails()),
    });
    expect(
      await screen.findByText('payments-api 1.4.0 · abc1234 → production'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 promotion waiting for you')).toBeInTheDocument();
    expect(listApprovals).toHaveBeenCalledWith({
      mine: true,
      state: ['pending'],
      limit: 50,
    });
    expect(
      await screen.findByRole('button', { name: 'Reject' }),
    ).toBeInTheDocument();
  });

  it('says so when nothing waits', async () => {
    await renderPage({
      listApprovals: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      await screen.findByText('Nothing waits for your approval'),
    ).toBeInTheDocument();
  });

  it('shows the identities a blocked request could not match, and why nobody may decide', async () => {
    const blocked = testApproval({
      unresolvedIdentities: ['ghost@elsewhere.example'],
      blockedByUnresolved: true,
    });
    await renderPage({
      listApprovals: jest.fn().mockResolvedValue({ items: [blocked] }),
      getApproval: jest.fn().mockResolvedValue({
        ...testDetails(),
        ...blocked,
        viewer: {
          canDecide: false,
          reason: 'Nobody may decide until ghost@elsewhere.example is matched',
        },
      }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Blocked: ghost@elsewhere.example matches no catalog user',
    );
    expect(
      await screen.findByText(
        'Nobody may decide until ghost@elsewhere.example is matched',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});
