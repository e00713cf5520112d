import { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';
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
import { TaskHandler } from './types';

describe('TektonTestExecutor: the DAG', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const status = (run: KubeObject) => run.status as Record<string, any>;

  it('starts a task once its runAfter tasks and the tasks whose results it uses are done, independent tasks at once', async () => {
    const events: string[] = [];
    let releaseB: () => void = () => {};
    const bGate = new Promise<void>(resolve => {
      releaseB = resolve;
    });
    const track =
      (name: string, wait?: Promise<void>): TaskHandler =>
      async () => {
        events.push(`start ${name}`);
        if (name === 'c') releaseB(); // b can only end once c started: they run together
        await wait;
        events.push(`end ${name}`);
        return { succeeded: true, results: { out: `${name}-out` } };
      };
    ({ server, executor } = await startExecutor({
      handlers: {
        a: track('a'),
        b: track('b', bGate),
        c: track('c'),
        d: track('d'),
      },
    }));
    const out = { results: [{ name: 'out' }] };
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('order', {
        pipelineSpec: {
          tasks: [
            task('d', {
              runAfter: ['b'],
              params: [{ name: 'c', value: '$(tasks.c.results.out)' }],
            }),
            task('b', { runAfter: ['a'], taskSpec: out }),
            task('c', { runAfter: ['a'], taskSpec: out }),
            task('a', { taskSpec: out }),
          ],
        },
      }),
    );

    expect(conditionOf(run)).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
    });
    expect(events.slice(0, 2)).toEqual(['start a', 'end a']);
    expect(events.slice(2, 4).sort()).toEqual(['start b', 'start c']);
    expect(events.slice(-2)).toEqual(['start d', 'end d']);
    expect(
      status(run).childReferences.map((r: any) => r.pipelineTaskName),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('passes params, context and task results on, and fills the pipeline results', async () => {
    const seen: Record<string, unknown>[] = [];
    ({ server, executor } = await startExecutor({
      handlers: {
        build: () => ({
          succeeded: true,
          results: { digest: 'sha256:abc', url: 'registry/app' },
        }),
        deploy: ({ params }) => {
          seen.push(params);
          return { succeeded: true, results: { revision: 'r1' } };
        },
      },
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('passing', {
        params: [{ name: 'env', value: 'staging' }],
        pipelineSpec: {
          params: [{ name: 'env' }, { name: 'repo', default: 'registry' }],
          tasks: [
            task('build', {
              taskSpec: { results: [{ name: 'digest' }, { name: 'url' }] },
            }),
            task('deploy', {
              params: [
                {
                  name: 'image',
                  value: '$(params.repo)@$(tasks.build.results.digest)',
                },
                { name: 'target', value: '$(params.env)' },
                { name: 'run', value: '$(context.pipelineRun.name)' },
                { name: 'uid', value: '$(context.pipelineRun.uid)' },
                { name: 'ns', value: '$(context.pipelineRun.namespace)' },
              ],
              taskSpec: {
                params: [
                  { name: 'image' },
                  { name: 'target' },
                  { name: 'run' },
                  { name: 'uid' },
                  { name: 'ns' },
                  { name: 'replicas', default: '2' },
                ],
              },
            }),
          ],
          results: [
            { name: 'IMAGE_URL', value: '$(tasks.build.results.url)' },
            {
              name: 'deployed',
              value: '$(tasks.deploy.results.revision) to $(params.env)',
            },
          ],
        },
      }),
    );

    expect(seen).toEqual([
      {
        image: 'registry@sha256:abc',
        target: 'staging',
        run: 'passing',
        uid: run.metadata.uid,
        ns: NS,
        replicas: '2',
      },
    ]);
    expect(status(run).results).toEqual([
      { name: 'IMAGE_URL', value: 'registry/app' },
      { name: 'deployed', value: 'r1 to staging' },
    ]);
    expect(taskRunOf(server, 'passing', 'deploy')?.spec).toMatchObject({
      params: expect.arrayContaining([
        { name: 'image', value: 'registry@sha256:abc' },
      ]),
    });
  });

  it('skips a task whose when expressions are false; runAfter dependents still run, result users are skipped', async () => {
    const ran: string[] = [];
    ({ server, executor } = await startExecutor({
      defaultHandler: recording(ran, { out: 'x' }),
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('skips', {
        params: [{ name: 'env', value: 'staging' }],
        pipelineSpec: {
          params: [{ name: 'env' }],
          tasks: [
            task('prod-only', {
              when: [
                {
                  input: '$(params.env)',
                  operator: 'in',
                  values: ['production'],
                },
              ],
              taskSpec: { results: [{ name: 'out' }] },
            }),
            task('not-staging', {
              when: [
                {
                  input: '$(params.env)',
                  operator: 'notin',
                  values: ['staging'],
                },
              ],
            }),
            task('staging-only', {
              when: [
                {
                  input: '$(params.env)',
                  operator: 'in',
                  values: ['staging', 'dev'],
                },
              ],
            }),
            task('after', { runAfter: ['prod-only'] }),
            task('uses-result', {
              params: [{ name: 'x', value: '$(tasks.prod-only.results.out)' }],
            }),
          ],
        },
      }),
    );

    expect(ran.sort()).toEqual(['after', 'staging-only']);
    expect(status(run).skippedTasks).toEqual([
      {
        name: 'prod-only',
        reason: 'When Expressions evaluated to false',
        whenExpressions: [
          { input: 'staging', operator: 'in', values: ['production'] },
        ],
      },
      {
        name: 'not-staging',
        reason: 'When Expressions evaluated to false',
        whenExpressions: [
          { input: 'staging', operator: 'notin', values: ['staging'] },
        ],
      },
      { name: 'uses-result', reason: 'Results were missing' },
    ]);
    expect(conditionOf(run)).toMatchObject({
      status: 'True',
      reason: 'Completed',
      message: 'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 3',
    });
    expect(taskRunOf(server, 'skips', 'prod-only')).toBeUndefined();
  });
});
