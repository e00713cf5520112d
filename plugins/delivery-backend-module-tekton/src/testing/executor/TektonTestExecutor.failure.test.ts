import { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';
import { waitFor } from '../waitFor';
import {
  NS,
  conditionOf,
  pipelineRun,
  recording,
  runToEnd,
  startExecutor,
  task,
  taskRunOf,
} from './__testUtils__/objects';
import { TektonTestExecutor } from './TektonTestExecutor';

describe('TektonTestExecutor: failures and finally', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const status = (run: KubeObject) => run.status as Record<string, any>;

  it('fails the run when a task fails: dependents never start, running tasks finish, finally tasks run', async () => {
    const ran: string[] = [];
    const failureRecorded = () =>
      conditionOf(server.get('pipelineruns', NS, 'fails'))?.message.includes(
        'Failed: 1',
      );
    ({ server, executor } = await startExecutor({
      handlers: {
        test: () => {
          ran.push('test');
          return { succeeded: false, log: 'boom\n' };
        },
        // still running when test fails: ends only once the run counted the failure
        slow: async () => {
          ran.push('slow');
          await waitFor(failureRecorded, 'the failure of test');
          return { succeeded: true };
        },
        report: ({ params }) => {
          ran.push(`report ${params.all} ${params.test} ${params.deploy}`);
          return { succeeded: true };
        },
      },
      defaultHandler: recording(ran),
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('fails', {
        pipelineSpec: {
          tasks: [
            task('slow'),
            task('test'),
            task('deploy', { runAfter: ['test'] }),
            task('later', { runAfter: ['slow'] }),
          ],
          finally: [
            task('report', {
              params: [
                { name: 'all', value: '$(tasks.status)' },
                { name: 'test', value: '$(tasks.test.status)' },
                { name: 'deploy', value: '$(tasks.deploy.status)' },
              ],
            }),
          ],
        },
      }),
    );

    expect(ran.slice(0, 2).sort()).toEqual(['slow', 'test']);
    expect(ran.slice(2)).toEqual(['report Failed Failed None']);
    expect(conditionOf(run)).toMatchObject({
      status: 'False',
      reason: 'Failed',
      message: 'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 2',
    });
    expect(status(run).skippedTasks).toEqual([
      { name: 'deploy', reason: 'PipelineRun was stopping' },
      { name: 'later', reason: 'PipelineRun was stopping' },
    ]);
    expect(taskRunOf(server, 'fails', 'deploy')).toBeUndefined();
    expect(conditionOf(taskRunOf(server, 'fails', 'test'))).toMatchObject({
      status: 'False',
      reason: 'Failed',
      message: '"step-run" exited with code 1',
    });
    expect(conditionOf(taskRunOf(server, 'fails', 'slow'))?.status).toBe(
      'True',
    );
    expect(status(run).finallyStartTime).toEqual(expect.any(String));
  });

  it('runs finally tasks after every DAG task, with $(tasks.status) Succeeded or Completed', async () => {
    const seen: string[] = [];
    ({ server, executor } = await startExecutor({
      handlers: {
        cleanup: ({ params }) => {
          seen.push(`cleanup ${params.all}`);
          return { succeeded: true };
        },
      },
      defaultHandler: recording(seen),
    }));
    const spec = (when: string) => ({
      params: [{ name: 'go', value: when }],
      pipelineSpec: {
        params: [{ name: 'go' }],
        tasks: [
          task('one'),
          task('two', {
            runAfter: ['one'],
            when: [{ input: '$(params.go)', operator: 'in', values: ['yes'] }],
          }),
        ],
        finally: [
          task('cleanup', {
            params: [{ name: 'all', value: '$(tasks.status)' }],
          }),
        ],
      },
    });
    await runToEnd(server, executor, pipelineRun('all-ran', spec('yes')));
    await runToEnd(server, executor, pipelineRun('one-skipped', spec('no')));

    expect(seen).toEqual([
      'one',
      'two',
      'cleanup Succeeded',
      'one',
      'cleanup Completed',
    ]);
    const labels = taskRunOf(server, 'all-ran', 'cleanup')?.metadata.labels;
    expect(labels?.['tekton.dev/memberOf']).toBe('finally');
  });

  it('fails the run with InvalidTaskResultReference when a task that succeeded did not produce a result another uses', async () => {
    ({ server, executor } = await startExecutor());
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('no-result', {
        pipelineSpec: {
          tasks: [
            task('a', { taskSpec: { results: [{ name: 'out' }] } }),
            task('b', {
              params: [{ name: 'x', value: '$(tasks.a.results.out)' }],
            }),
          ],
        },
      }),
    );
    expect(conditionOf(run)).toMatchObject({
      status: 'False',
      reason: 'InvalidTaskResultReference',
      message:
        'Invalid task result reference: Could not find result with name out for task a',
    });
    expect(taskRunOf(server, 'no-result', 'b')).toBeUndefined();
  });

  it('fails the run with PipelineInvalidGraph on a cycle and PipelineValidationFailed on an unknown runAfter', async () => {
    ({ server, executor } = await startExecutor());
    const cycle = await runToEnd(
      server,
      executor,
      pipelineRun('cycle', {
        pipelineSpec: {
          tasks: [
            task('a', { runAfter: ['b'] }),
            task('b', { runAfter: ['a'] }),
          ],
        },
      }),
    );
    const unknown = await runToEnd(
      server,
      executor,
      pipelineRun('unknown', {
        pipelineSpec: { tasks: [task('a', { runAfter: ['nope'] })] },
      }),
    );
    expect(conditionOf(cycle)).toMatchObject({
      status: 'False',
      reason: 'PipelineInvalidGraph',
    });
    expect(conditionOf(unknown)).toMatchObject({
      status: 'False',
      reason: 'PipelineValidationFailed',
      message: expect.stringContaining('non-existent task "nope"'),
    });
    expect(server.list('taskruns')).toEqual([]);
  });
});
