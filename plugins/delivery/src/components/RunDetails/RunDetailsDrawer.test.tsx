import { alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { RunDetailsDrawer } from './RunDetailsDrawer';
import { testRun } from './testRuns';

function logsOf(_uid: string, task: string) {
  return Promise.resolve({
    steps: [
      { name: 'main', log: `output of ${task.replace(/^.*-x7k2p-/, '')}` },
    ],
  });
}

// LogViewer sizes itself from its container; jsdom lays nothing out.
let layout: jest.SpyInstance;
beforeAll(() => {
  layout = jest
    .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
    .mockReturnValue(DOMRect.fromRect({ width: 800, height: 400 }));
});
afterAll(() => layout.mockRestore());

function renderDrawer(
  api: Partial<DeliveryApi>,
  props: { onClose?: () => void; refreshIntervalMs?: number } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [permissionApiRef, new MockPermissionApi()],
        [alertApiRef, { post: jest.fn() }],
      ]}
    >
      <RunDetailsDrawer
        uid="run-uid-1"
        onClose={props.onClose ?? jest.fn()}
        refreshIntervalMs={props.refreshIntervalMs}
      />
    </TestApiProvider>,
  );
}

describe('RunDetailsDrawer', () => {
  it('shows the run with the logs of its first failed task, and switches tasks', async () => {
    const getRun = jest.fn().mockResolvedValue(testRun());
    const getTaskLogs = jest.fn(logsOf);
    await renderDrawer({ getRun, getTaskLogs });

    expect(
      await screen.findByRole('heading', { name: 'Run payments-api-ci-x7k2p' }),
    ).toBeInTheDocument();
    expect(getRun).toHaveBeenCalledWith('run-uid-1');
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeInTheDocument();
    expect(screen.getByText('signed')).toBeInTheDocument();

    expect(await screen.findByText('output of unit-tests')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /^unit-tests/, pressed: true }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /^notify/ }));
    expect(await screen.findByText('output of notify')).toBeInTheDocument();
    expect(getTaskLogs).toHaveBeenLastCalledWith(
      'run-uid-1',
      'payments-api-ci-x7k2p-notify',
    );
    expect(
      screen.getByRole('heading', { name: 'Logs of notify' }),
    ).toBeInTheDocument();
  });

  it('closes from its close button', async () => {
    const onClose = jest.fn();
    await renderDrawer(
      { getRun: jest.fn().mockResolvedValue(testRun()), getTaskLogs: logsOf },
      { onClose },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Close run details' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('shows why the run could not be loaded', async () => {
    const error = Object.assign(new Error('Run run-uid-1 not found'), {
      name: 'NotFoundError',
    });
    await renderDrawer({ getRun: jest.fn().mockRejectedValue(error) });
    expect(
      (await screen.findAllByText(/Run run-uid-1 not found/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('button', { name: 'Close run details' }),
    ).toBeInTheDocument();
  });

  it('refreshes a running run until it finishes', async () => {
    const running = testRun({
      status: 'running',
      completedAt: undefined,
      durationSeconds: undefined,
    });
    const succeeded = testRun({ status: 'succeeded', reason: 'Succeeded' });
    // the run stays running until the test has seen it so (no race with the 50 ms refresh)
    let finished = false;
    const getRun = jest.fn(async () => (finished ? succeeded : running));
    await renderDrawer(
      { getRun, getTaskLogs: logsOf },
      { refreshIntervalMs: 50 },
    );

    expect(
      await screen.findByRole('button', { name: 'Cancel' }),
    ).toBeInTheDocument();
    const whileRunning = getRun.mock.calls.length;
    finished = true;
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Cancel' }),
      ).not.toBeInTheDocument(),
    );
    const calls = getRun.mock.calls.length;
    expect(calls).toBeGreaterThan(whileRunning);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(getRun).toHaveBeenCalledTimes(calls);
  });
});
