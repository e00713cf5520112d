import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { TaskLogs } from './TaskLogs';
import { testRun, testTask } from './testRuns';

const unitTests = testRun().tasks[1];

const logs = {
  steps: [
    { name: 'install', container: 'step-install', log: 'added 312 packages' },
    {
      name: 'test',
      container: 'step-test',
      log: 'PASS src/a.test.ts\nFAIL src/refunds.test.ts',
    },
  ],
};

// LogViewer sizes itself from its container; jsdom lays nothing out.
let layout: jest.SpyInstance;
beforeAll(() => {
  layout = jest
    .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
    .mockReturnValue(DOMRect.fromRect({ width: 800, height: 400 }));
});
afterAll(() => layout.mockRestore());

function renderLogs(
  api: Partial<DeliveryApi>,
  task = unitTests,
  followIntervalMs?: number,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <TaskLogs
        uid="run-uid-1"
        task={task}
        followIntervalMs={followIntervalMs}
      />
    </TestApiProvider>,
  );
}

async function notFound(message: string): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name: 'NotFoundError', message },
    request: {
      method: 'GET',
      url: '/api/delivery/runs/run-uid-1/tasks/x/logs',
    },
    response: { statusCode: 404 },
  });
  return ResponseError.fromResponse({
    ok: false,
    status: 404,
    statusText: 'Not Found',
    headers: new Headers({ 'content-type': 'application/json' }),
    redirected: false,
    type: 'basic',
    url: 'http://localhost/api/delivery/runs/run-uid-1/tasks/x/logs',
    text: async () => body,
  });
}

describe('TaskLogs', () => {
  it('shows the logs of every step with its exit code', async () => {
    const getTaskLogs = jest.fn().mockResolvedValue(logs);
    await renderLogs({ getTaskLogs });

    expect(
      await screen.findByText('FAIL src/refunds.test.ts'),
    ).toBeInTheDocument();
    expect(screen.getByText('added 312 packages')).toBeInTheDocument();
    expect(getTaskLogs).toHaveBeenCalledWith(
      'run-uid-1',
      'payments-api-ci-x7k2p-unit-tests',
    );
    expect(screen.getByRole('region', { name: 'Step test' })).toHaveTextContent(
      'exit code 1',
    );
    expect(
      screen.getByRole('region', { name: 'Step install' }),
    ).toHaveTextContent('exit code 0');
    expect(screen.queryByRole('checkbox', { name: 'Follow' })).toBeNull();
  });

  it('downloads all steps as one .log file', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:logs');
    const revokeObjectURL = jest.fn();
    const original = {
      createObjectURL: URL.createObjectURL,
      revokeObjectURL: URL.revokeObjectURL,
    };
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function check(this: HTMLAnchorElement) {
        expect(this.download).toBe('payments-api-ci-x7k2p-unit-tests.log');
        expect(this.href).toBe('blob:logs');
      });
    try {
      await renderLogs({ getTaskLogs: jest.fn().mockResolvedValue(logs) });
      fireEvent.click(await screen.findByRole('button', { name: 'Download' }));

      expect(click).toHaveBeenCalledTimes(1);
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:logs');
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toMatch(/^text\/plain/);
      const text = await blob.text();
      expect(text).toBe(
        '==> step install (exit code 0) <==\nadded 312 packages\n\n' +
          '==> step test (exit code 1) <==\nPASS src/a.test.ts\nFAIL src/refunds.test.ts\n',
      );
    } finally {
      click.mockRestore();
      Object.assign(URL, original);
    }
  });

  it('follows a running task until follow is switched off', async () => {
    const getTaskLogs = jest
      .fn()
      .mockResolvedValueOnce({ steps: [{ name: 'test', log: 'line 1' }] })
      .mockResolvedValue({ steps: [{ name: 'test', log: 'line 1\nline 2' }] });
    const running = {
      ...unitTests,
      status: 'running' as const,
      completedAt: undefined,
    };
    await renderLogs({ getTaskLogs }, running, 50);

    expect(await screen.findByText('line 1')).toBeInTheDocument();
    expect(await screen.findByText('line 2')).toBeInTheDocument();
    expect(getTaskLogs.mock.calls.length).toBeGreaterThanOrEqual(2);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Follow' }));
    const calls = getTaskLogs.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(getTaskLogs).toHaveBeenCalledTimes(calls);
  });

  it('does not refetch the logs of a finished task', async () => {
    const getTaskLogs = jest.fn().mockResolvedValue(logs);
    await renderLogs({ getTaskLogs }, unitTests, 50);
    expect(await screen.findByText('added 312 packages')).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(getTaskLogs).toHaveBeenCalledTimes(1);
  });

  it("explains a 404 with the provider's reason", async () => {
    const getTaskLogs = jest
      .fn()
      .mockRejectedValue(await notFound('pod is gone'));
    await renderLogs({ getTaskLogs });

    expect(
      await screen.findByText(
        'The logs of this task are not available: pod is gone',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/pod is gone/).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Download' })).toBeDisabled();
  });

  it('does not ask for logs of a task that has not started', async () => {
    const getTaskLogs = jest.fn();
    await renderLogs(
      { getTaskLogs },
      testTask('deploy', { status: 'pending', podName: undefined }),
    );

    expect(
      await screen.findByText('Logs appear once the task starts.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(getTaskLogs).not.toHaveBeenCalled());
  });
});
