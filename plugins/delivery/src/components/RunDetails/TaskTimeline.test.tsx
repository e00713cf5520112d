import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { TaskTimeline } from './TaskTimeline';
import { testRun, testTask } from './testRuns';

describe('TaskTimeline', () => {
  it('lays tasks out by time and marks finally tasks and retries', async () => {
    const { tasks } = testRun();
    await renderInTestApp(<TaskTimeline tasks={tasks} onSelect={jest.fn()} />);

    const rows = screen.getAllByRole('button');
    // by start time, the task that never started last
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringMatching(/^fetch-source/),
      expect.stringMatching(/^unit-tests/),
      expect.stringMatching(/^build-image/),
      expect.stringMatching(/^notify/),
      expect.stringMatching(/^deploy/),
    ]);

    expect(within(rows[1]).getByText('2 retries')).toBeInTheDocument();
    expect(within(rows[2]).getByText('1 retry')).toBeInTheDocument();
    expect(within(rows[0]).queryByText(/retr/)).not.toBeInTheDocument();
    expect(within(rows[3]).getByText('finally')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('finally')).not.toBeInTheDocument();
    expect(within(rows[4]).getByText('not started')).toBeInTheDocument();
    expect(within(rows[1]).getByText('1m 0s')).toBeInTheDocument();

    // the axis runs 10:00:05–10:02:15 (130 s); unit-tests covers 30 s–90 s of it
    const bar = screen.getByTestId('task-bar-payments-api-ci-x7k2p-unit-tests');
    expect(parseFloat(bar.style.left)).toBeCloseTo((30 / 130) * 100, 3);
    expect(parseFloat(bar.style.width)).toBeCloseTo((60 / 130) * 100, 3);
    expect(screen.getByText('2m 10s')).toBeInTheDocument();
  });

  it('selects a task from its row button', async () => {
    const { tasks } = testRun();
    const onSelect = jest.fn();
    await renderInTestApp(
      <TaskTimeline
        tasks={tasks}
        selected="payments-api-ci-x7k2p-unit-tests"
        onSelect={onSelect}
      />,
    );

    const selected = screen.getByRole('button', { pressed: true });
    expect(selected).toHaveTextContent(/^unit-tests/);
    const notify = screen.getByRole('button', { name: /^notify/ });
    expect(notify.tagName).toBe('BUTTON');
    expect(notify).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(notify);
    expect(onSelect).toHaveBeenCalledWith(
      expect.objectContaining({ pipelineTaskName: 'notify' }),
    );
  });

  it('extends running tasks to now', async () => {
    const now = Date.parse('2026-11-20T10:01:00.000Z');
    await renderInTestApp(
      <TaskTimeline
        now={now}
        onSelect={jest.fn()}
        tasks={[
          testTask('first', {
            startedAt: '2026-11-20T10:00:00.000Z',
            completedAt: '2026-11-20T10:00:30.000Z',
          }),
          testTask('second', {
            status: 'running',
            startedAt: '2026-11-20T10:00:30.000Z',
          }),
        ]}
      />,
    );
    const bar = screen.getByTestId('task-bar-payments-api-ci-x7k2p-second');
    expect(parseFloat(bar.style.left)).toBeCloseTo(50, 3);
    expect(parseFloat(bar.style.width)).toBeCloseTo(50, 3);
    expect(screen.getByRole('button', { name: /^second/ })).toHaveTextContent(
      'Running',
    );
  });
});
