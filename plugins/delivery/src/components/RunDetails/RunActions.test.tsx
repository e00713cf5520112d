import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { RunActions } from './RunActions';
import { testRun } from './testRuns';

type Decision = ReturnType<
  NonNullable<ConstructorParameters<typeof MockPermissionApi>[0]>
>;

// Allows delivery.run.execute only, so checking another permission hides the buttons.
const permissionApi = new MockPermissionApi(
  request =>
    (request.permission.name === 'delivery.run.execute'
      ? 'ALLOW'
      : 'DENY') as Decision,
);

function renderActions(
  api: Partial<DeliveryApi>,
  run = testRun(),
  onChanged = jest.fn(),
) {
  const alertApi = { post: jest.fn() } satisfies Partial<AlertApi>;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [permissionApiRef, permissionApi],
        [alertApiRef, alertApi],
      ]}
    >
      <RunActions run={run} onChanged={onChanged} />
    </TestApiProvider>,
  ).then(() => ({ alertApi, onChanged }));
}

describe('RunActions (allowed)', () => {
  it('reruns after confirmation', async () => {
    const rerun = jest
      .fn()
      .mockResolvedValue({ name: 'payments-api-ci-r2d2', uid: 'run-uid-2' });
    const { alertApi, onChanged } = await renderActions({ rerun });

    fireEvent.click(await screen.findByRole('button', { name: 'Rerun' }));
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

    fireEvent.click(await screen.findByRole('button', { name: 'Rerun' }));
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
      testRun({ status: 'running', completedAt: undefined }),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
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
    await renderActions({}, testRun({ status: 'succeeded' }));
    expect(
      await screen.findByRole('button', { name: 'Rerun' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel' }),
    ).not.toBeInTheDocument();
  });

  it('reports a failure as an error alert', async () => {
    const rerun = jest
      .fn()
      .mockRejectedValue(new Error('Not allowed: delivery.run.execute'));
    const { alertApi, onChanged } = await renderActions({ rerun });

    fireEvent.click(await screen.findByRole('button', { name: 'Rerun' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start rerun' }));

    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: expect.stringContaining('Not allowed: delivery.run.execute'),
          severity: 'error',
        }),
      ),
    );
    expect(onChanged).not.toHaveBeenCalled();
  });
});
