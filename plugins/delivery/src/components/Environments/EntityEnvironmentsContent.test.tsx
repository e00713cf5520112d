import { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { enabledButton } from '../shared/__testUtils__/testPermissions';
import { EntityEnvironmentsContent } from './EntityEnvironmentsContent';
import { testApproval, testDetails, testLanes } from './testApprovals';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {},
};

async function renderTab(api: Partial<DeliveryApi>) {
  const alertApi = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [alertApiRef, alertApi],
        [permissionApiRef, new MockPermissionApi()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityEnvironmentsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return alertApi;
}

describe('EntityEnvironmentsContent', () => {
  it('shows each lane with what runs there, its policy and the pending promotion', async () => {
    await renderTab({
      getEnvironments: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        environments: testLanes(),
      }),
      getApproval: jest.fn().mockResolvedValue(testDetails()),
    });
    const production = await screen.findByLabelText('environment production');
    expect(
      within(production).getByText(/^1\.3\.2 · 0123456/),
    ).toBeInTheDocument();
    expect(
      within(production).getByText(
        '2 of Release managers (group:default/release-managers)',
      ),
    ).toBeInTheDocument();
    expect(
      within(production).getByText('Security gate must pass'),
    ).toBeInTheDocument();
    expect(
      within(production).getByText('1.4.0 · abc1234 → production'),
    ).toBeInTheDocument();
    expect(
      within(production).getByText('Release managers: 1 of 2 (bruno)', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      await within(production).findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    const staging = screen.getByLabelText('environment staging');
    expect(within(staging).getByText('No approval needed')).toBeInTheDocument();
  });

  it('approves with a comment and reloads the lanes', async () => {
    const getEnvironments = jest.fn().mockResolvedValue({
      entityRef: 'component:default/payments-api',
      environments: testLanes(),
    });
    const decideApproval = jest
      .fn()
      .mockResolvedValue(testDetails({ state: 'approved' }));
    await renderTab({
      getEnvironments,
      getApproval: jest.fn().mockResolvedValue(testDetails()),
      decideApproval,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', {
      name: /Approve payments-api abc1234 to production\?/,
    });
    const confirm = within(dialog).getByRole('button', { name: 'Approve' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'Checked the canary' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(decideApproval).toHaveBeenCalledWith(
        'req-1',
        'approve',
        'Checked the canary',
      ),
    );
    await waitFor(() => expect(getEnvironments).toHaveBeenCalledTimes(2));
  });

  it('says why a user cannot decide, and offers promote and rollback', async () => {
    const lanes = testLanes();
    // an older pending request: promoting staging's newer build is still offered
    lanes[1].pending = [testApproval({ revision: '0badc0de0badc0de' })];
    const requestApproval = jest.fn().mockResolvedValue(testDetails());
    const rollback = jest
      .fn()
      .mockResolvedValue({ name: 'r', version: '1.3.1' });
    await renderTab({
      getEnvironments: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        environments: lanes,
      }),
      getApproval: jest.fn().mockResolvedValue(
        testDetails({
          viewer: {
            canDecide: false,
            reason: 'You requested, triggered or authored this promotion',
          },
        }),
      ),
      requestApproval,
      rollback,
    });
    expect(
      await screen.findByText(
        'You requested, triggered or authored this promotion',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();

    fireEvent.click(await enabledButton('Promote abc1234 from staging'));
    await waitFor(() =>
      expect(requestApproval).toHaveBeenCalledWith({
        entityRef: 'component:default/payments-api',
        environment: 'production',
        revision: 'abc1234def5678',
        version: '1.4.0',
        runUid: 's1',
      }),
    );
    fireEvent.click(await enabledButton('Roll back…'));
    fireEvent.click(await screen.findByRole('menuitem', { name: '1.3.1' }));
    await waitFor(() =>
      expect(rollback).toHaveBeenCalledWith(
        { kind: 'Component', namespace: 'default', name: 'payments-api' },
        'production',
        '1.3.1',
      ),
    );
  });

  it('explains what to configure when the component lists no environments', async () => {
    await renderTab({
      getEnvironments: jest
        .fn()
        .mockResolvedValue({ entityRef: 'x', environments: [] }),
    });
    expect(
      await screen.findByText('No environments listed for this component'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/in the slipway.dev\/environments annotation/),
    ).toBeInTheDocument();
  });
});
