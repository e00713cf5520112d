import { FakeKubeApiServer } from '../FakeKubeApiServer';
import {
  NS,
  conditionOf,
  pipeline,
  pipelineRun,
  runToEnd,
  startExecutor,
  task,
  taskRunOf,
} from './__testUtils__/objects';
import { TektonTestExecutor } from './TektonTestExecutor';
import { TaskHandlerContext } from './types';

describe('TektonTestExecutor: params and resolution', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const deployPipeline = pipeline('deploy', {
    params: [
      { name: 'environment', type: 'string' },
      { name: 'revision', type: 'string' },
      { name: 'version', type: 'string', default: '' },
      { name: 'flags', type: 'array', default: ['--wait'] },
    ],
    tasks: [
      task('deploy', {
        params: [
          { name: 'environment', value: '$(params.environment)' },
          { name: 'version', value: '$(params.version)' },
          { name: 'args', value: ['--env', '$(params.flags[*])'] },
        ],
        taskSpec: {
          params: [
            { name: 'environment' },
            { name: 'version' },
            { name: 'args', type: 'array' },
          ],
        },
      }),
    ],
  });

  it('applies the Pipeline param defaults and substitutes array params', async () => {
    const seen: TaskHandlerContext['params'][] = [];
    ({ server, executor } = await startExecutor({
      pipelines: [deployPipeline],
      handlers: {
        deploy: ({ params }) => {
          seen.push(params);
          return { succeeded: true };
        },
      },
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('defaults', {
        pipelineRef: { name: 'deploy' },
        params: [
          { name: 'environment', value: 'staging' },
          { name: 'revision', value: 'abc' },
        ],
      }),
    );
    expect(conditionOf(run)?.reason).toBe('Succeeded');
    expect(seen).toEqual([
      { environment: 'staging', version: '', args: ['--env', '--wait'] },
    ]);
  });

  it('fails a run that lacks a required param with ParameterMissing, creating no TaskRun', async () => {
    ({ server, executor } = await startExecutor({
      pipelines: [deployPipeline],
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('missing', {
        pipelineRef: { name: 'deploy' },
        params: [{ name: 'version', value: '1.0' }],
      }),
    );
    expect(conditionOf(run)).toMatchObject({
      status: 'False',
      reason: 'ParameterMissing',
      message: expect.stringContaining(
        'pipelineRun missing parameters: [environment revision]',
      ),
    });
    const status = run.status as Record<string, unknown>;
    expect(status.startTime).toEqual(expect.any(String));
    expect(status.completionTime).toEqual(expect.any(String));
    expect(run.metadata.labels?.['tekton.dev/pipeline']).toBe('deploy');
    expect(server.list('taskruns')).toEqual([]);
  });

  it('fails a run whose param has the wrong type with ParameterTypeMismatch', async () => {
    ({ server, executor } = await startExecutor({
      pipelines: [deployPipeline],
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('mismatch', {
        pipelineRef: { name: 'deploy' },
        params: [
          { name: 'environment', value: 'staging' },
          { name: 'revision', value: 'abc' },
          { name: 'flags', value: '--wait' },
        ],
      }),
    );
    expect(conditionOf(run)).toMatchObject({
      status: 'False',
      reason: 'ParameterTypeMismatch',
      message: expect.stringContaining('[flags]'),
    });
  });

  it('applies a Task param default and fails a TaskRun that lacks a required Task param', async () => {
    const seen: TaskHandlerContext['params'][] = [];
    ({ server, executor } = await startExecutor({
      tasks: [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'Task',
          metadata: { name: 'greet', namespace: NS },
          spec: {
            params: [{ name: 'who' }, { name: 'greeting', default: 'hello' }],
            steps: [{ name: 'greet', image: 'busybox' }],
          },
        },
      ],
      defaultHandler: ({ params }) => {
        seen.push(params);
        return { succeeded: true };
      },
    }));
    const ok = await runToEnd(
      server,
      executor,
      pipelineRun('greets', {
        pipelineSpec: {
          tasks: [
            {
              name: 'greet',
              taskRef: { name: 'greet' },
              params: [{ name: 'who', value: 'world' }],
            },
          ],
        },
      }),
    );
    const bad = await runToEnd(
      server,
      executor,
      pipelineRun('no-who', {
        pipelineSpec: {
          tasks: [{ name: 'greet', taskRef: { kind: 'Task', name: 'greet' } }],
        },
      }),
    );
    expect(seen).toEqual([{ who: 'world', greeting: 'hello' }]);
    expect(conditionOf(ok)?.status).toBe('True');
    expect(conditionOf(taskRunOf(server, 'no-who', 'greet'))).toMatchObject({
      status: 'False',
      reason: 'TaskRunValidationFailed',
      message: 'invalid input params for task greet: missing parameters: [who]',
    });
    expect(conditionOf(bad)).toMatchObject({
      status: 'False',
      reason: 'Failed',
    });
  });

  it('fails a run that does not bind a workspace the Pipeline requires with InvalidWorkspaceBindings', async () => {
    ({ server, executor } = await startExecutor());
    const spec = {
      workspaces: [{ name: 'source' }, { name: 'cache', optional: true }],
      tasks: [task('build')],
    };
    const unbound = await runToEnd(
      server,
      executor,
      pipelineRun('unbound', { pipelineSpec: spec }),
    );
    const bound = await runToEnd(
      server,
      executor,
      pipelineRun('bound', {
        pipelineSpec: spec,
        workspaces: [{ name: 'source', emptyDir: {} }],
      }),
    );
    expect(conditionOf(unbound)).toMatchObject({
      status: 'False',
      reason: 'InvalidWorkspaceBindings',
      message:
        'pipeline requires workspace with name "source" be provided by pipelinerun',
    });
    expect(conditionOf(bound)?.status).toBe('True');
  });
});
