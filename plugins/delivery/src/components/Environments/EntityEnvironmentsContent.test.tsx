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

async function renderTab(
  api: Partial<DeliveryApi>,
  props: { refreshIntervalMs?: number } = {},
) {
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
        <EntityEnvironmentsContent {...props} />
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

  it('shows the deployment in progress to an environment and opens its run', async () => {
    const lanes = testLanes();
    lanes[1].deploying = {
      runUid: 'd7',
      runName: 'payments-api-deploy-d7',
      status: 'running',
      version: '1.4.0',
      revision: 'abc1234def5678',
      startedAt: new Date().toISOString(),
    };
    const getRun = jest.fn(() => new Promise<never>(() => {}));
    await renderTab({
      getEnvironments: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        environments: lanes,
      }),
      getApproval: jest.fn().mockResolvedValue(testDetails()),
      getRun,
    });
    const production = await screen.findByLabelText('deploying to production');
    expect(production).toHaveTextContent(
      /^In progressDeploying 1\.4\.0 · abc1234 — run payments-api-deploy-d7 · started/,
    );
    expect(
      within(production).getByRole('progressbar', {
        name: 'Deploying 1.4.0 · abc1234 to production',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('deploying to staging'),
    ).not.toBeInTheDocument();

    fireEvent.click(
      within(production).getByRole('button', {
        name: 'Open run payments-api-deploy-d7',
      }),
    );
    await waitFor(() => expect(getRun).toHaveBeenCalledWith('d7'));
  });

  it('reloads the lanes while a deployment is in progress', async () => {
    const lanes = testLanes();
    lanes[0].deploying = {
      runUid: 'd8',
      runName: 'payments-api-deploy-d8',
      status: 'pending',
    };
    // the deployment is in progress until the test says it landed
    let landed = false;
    const getEnvironments = jest.fn(async () => ({
      entityRef: 'x',
      environments: landed ? testLanes() : lanes,
    }));
    await renderTab(
      {
        getEnvironments,
        getApproval: jest.fn().mockResolvedValue(testDetails()),
      },
      { refreshIntervalMs: 50 },
    );
    expect(
      await screen.findByLabelText('deploying to staging'),
    ).toHaveTextContent(
      /^In progressDeploying — run payments-api-deploy-d8 \(pending\)$/,
    );
    // while it deploys, the tab keeps asking
    await waitFor(() =>
      expect(getEnvironments.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
    landed = true;
    await waitFor(() =>
      expect(
        screen.queryByLabelText('deploying to staging'),
      ).not.toBeInTheDocument(),
    );
    // done: the reloads stop (a tick may have fired before the last answer landed)
    const calls = getEnvironments.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(getEnvironments).toHaveBeenCalledTimes(calls);
  });

  it('shows the deploy run an approved promotion started, or why none started', async () => {
    const lanes = testLanes();
    lanes[1].pending = [
      testApproval({ id: 'ok' }),
      testApproval({ id: 'failed', revision: '0badc0de0badc0de' }),
    ];
    const getApproval = jest.fn(async (id: string) =>
      testDetails({
        id,
        state: 'approved',
        deployRun:
          id === 'ok'
            ? {
                provider: 'tekton',
                name: 'payments-api-deploy-x1',
                uid: 'x1',
                startedBy: 'user:default/bruno',
                startedAt: new Date().toISOString(),
              }
            : {
                provider: 'tekton',
                startedBy: 'user:default/bruno',
                startedAt: new Date().toISOString(),
                error:
                  'payments-api names no deploy pipeline (slipway.dev/deploy-pipeline)',
              },
      }),
    );
    await renderTab({
      getEnvironments: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        environments: lanes,
      }),
      getApproval,
    });
    expect(
      await screen.findByText(
        (_, element) =>
          element?.tagName === 'P' &&
          /^Deploy run payments-api-deploy-x1 started by bruno \S/.test(
            element.textContent ?? '',
          ),
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Open run payments-api-deploy-x1' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The deploy run could not be started: payments-api names no deploy pipeline (slipway.dev/deploy-pipeline)',
    );
  });

  it('says which deploy run an approval started', async () => {
    const decideApproval = jest.fn().mockResolvedValue(
      testDetails({
        state: 'approved',
        deployRun: {
          provider: 'tekton',
          name: 'payments-api-deploy-x1',
          startedBy: 'user:default/ada',
          startedAt: '2026-11-02T12:00:00.000Z',
        },
      }),
    );
    const alertApi = await renderTab({
      getEnvironments: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        environments: testLanes(),
      }),
      getApproval: jest.fn().mockResolvedValue(testDetails()),
      decideApproval,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'ok' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message:
            'Approved promotion of payments-api to production: started deploy run payments-api-deploy-x1',
          severity: 'success',
        }),
      ),
    );
  });
});
