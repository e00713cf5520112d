import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { PipelineRunWithTasks } from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import {
  enabledButton,
  freshEntityRef,
  ownerPermissionApi,
  permissionRequest,
  undecidedPermissionApi,
} from '../shared/__testUtils__/testPermissions';
import { RunActions } from './RunActions';
import { testRun } from './testRuns';

const RUNNING = { status: 'running', completedAt: undefined } as const;

/**
 * RunActions for a run of a fresh entity ref, which the user owns (so may execute) unless
 * `owner` is false.
 */
async function renderActions(
  api: Partial<DeliveryApi>,
  options: { run?: Partial<PipelineRunWithTasks>; owner?: boolean } = {},
) {
  const entityRef = freshEntityRef();
  const permissions = ownerPermissionApi(
    ...(options.owner === false ? [] : [entityRef]),
  );
  const alertApi = { post: jest.fn() } satisfies Partial<AlertApi>;
  const onChanged = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [permissionApiRef, permissions.api],
        [alertApiRef, alertApi],
      ]}
    >
      <RunActions
        run={testRun({ entityRef, ...options.run })}
        onChanged={onChanged}
      />
    </TestApiProvider>,
  );
  return { alertApi, onChanged, entityRef, requests: permissions.requests };
}

describe('RunActions (allowed)', () => {
  it('asks for delivery.run.execute on the run entity, and reruns after confirmation', async () => {
    const rerun = jest
      .fn()
      .mockResolvedValue({ name: 'payments-api-ci-r2d2', uid: 'run-uid-2' });
    const { alertApi, onChanged, entityRef, requests } = await renderActions({
      rerun,
    });

    fireEvent.click(await enabledButton('Rerun'));
    expect(requests).toContainEqual(
      permissionRequest('delivery.run.execute', entityRef),
    );
    expect(screen.queryByText(/may rerun/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Rerun payments-api-ci-x7k2p?' }),
    ).toBeInTheDocument();
    expect(rerun).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Start rerun' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(rerun).toHaveBeenCalledWith('run-uid-1');
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Started rerun payments-api-ci-r2d2',
        severity: 'success',
      }),
    );
  });

  it('does nothing when the confirmation is dismissed', async () => {
    const rerun = jest.fn();
    const { onChanged } = await renderActions({ rerun });

    fireEvent.click(await enabledButton('Rerun'));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(rerun).not.toHaveBeenCalled();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('cancels a running run after confirmation', async () => {
    const cancel = jest.fn().mockResolvedValue(undefined);
    const { alertApi, onChanged } = await renderActions(
      { cancel },
      { run: RUNNING },
    );

    fireEvent.click(await enabledButton('Cancel'));
    expect(
      screen.getByRole('dialog', { name: 'Cancel payments-api-ci-x7k2p?' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel run' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(cancel).toHaveBeenCalledWith('run-uid-1');
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Cancellation requested' }),
    );
  });

  it('offers no Cancel for a finished run', async () => {
    await renderActions({}, { run: { status: 'succeeded' } });
    expect(await enabledButton('Rerun')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel' }),
    ).not.toBeInTheDocument();
  });

  it("reports a failure as an error alert with the backend's reason", async () => {
    const rerun = jest
      .fn()
      .mockRejectedValue(
        new Error(
          'Only the owners of component:default/payments-api may rerun, cancel or start the pipeline runs of it',
        ),
      );
    const { alertApi, onChanged } = await renderActions({ rerun });

    fireEvent.click(await enabledButton('Rerun'));
    fireEvent.click(screen.getByRole('button', { name: 'Start rerun' }));

    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message:
            'Could not rerun payments-api-ci-x7k2p: Only the owners of component:default/payments-api may rerun, cancel or start the pipeline runs of it',
          severity: 'error',
        }),
      ),
    );
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe('RunActions (denied)', () => {
  it('disables Rerun and Cancel, saying only owners of the entity may', async () => {
    const rerun = jest.fn();
    const cancel = jest.fn();
    const { entityRef, requests } = await renderActions(
      { rerun, cancel },
      { run: RUNNING, owner: false },
    );

    const rerunReason = 'Only owners of payments-api may rerun its runs';
    const cancelReason = 'Only owners of payments-api may cancel its runs';
    expect(await screen.findByText(rerunReason)).toBeInTheDocument();
    expect(screen.getByText(cancelReason)).toBeInTheDocument();
    expect(requests).toContainEqual(
      permissionRequest('delivery.run.execute', entityRef),
    );
    const rerunButton = screen.getByRole('button', { name: 'Rerun' });
    const cancelButton = screen.getByRole('button', { name: 'Cancel' });
    expect(rerunButton).toBeDisabled();
    expect(rerunButton).toHaveAccessibleDescription(rerunReason);
    expect(cancelButton).toBeDisabled();
    expect(cancelButton).toHaveAccessibleDescription(cancelReason);

    fireEvent.click(rerunButton);
    fireEvent.click(cancelButton);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(rerun).not.toHaveBeenCalled();
    expect(cancel).not.toHaveBeenCalled();
  });

  it('disables Rerun for a run that names no entity', async () => {
    const { requests } = await renderActions(
      {},
      { run: { entityRef: undefined } },
    );
    expect(
      await screen.findByText('You may not rerun this run'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeDisabled();
    expect(requests).toEqual([]);
  });

  it('shows the buttons disabled, without a reason, until the permission is decided', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [deliveryApiRef, {}],
          [permissionApiRef, undecidedPermissionApi],
          [alertApiRef, { post: jest.fn() }],
        ]}
      >
        <RunActions
          run={testRun({ entityRef: freshEntityRef(), ...RUNNING })}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeDisabled();
    expect(screen.queryByText(/may (rerun|cancel)/)).not.toBeInTheDocument();
  });
});
