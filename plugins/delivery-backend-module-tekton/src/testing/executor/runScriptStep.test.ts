import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeKubeApiServer } from '../FakeKubeApiServer';
import {
  NS,
  conditionOf,
  podLog,
  pipelineRun,
  runToEnd,
  startExecutor,
  task,
  taskRunOf,
} from './__testUtils__/objects';
import { TektonTestExecutor } from './TektonTestExecutor';

/**
 * A tiny Node step: greets, calls a backend, writes two results: one to `$(results.x.path)`,
 * one into the directory `$(results.x.path)/..` names (resolved lexically first: the file `x`
 * does not exist, so the kernel cannot walk `x/..`, on a cluster as here).
 */
const GREET = `#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
(async () => {
  console.log('hello ' + process.env.WHO);
  console.error('token ' + process.env.TOKEN);
  const answer = await (await fetch(process.env.BACKEND + '/ping')).text();
  console.log('backend said ' + answer);
  fs.writeFileSync('$(results.greeting.path)', 'hi ' + process.env.WHO);
  fs.writeFileSync(path.resolve(process.env.RESULTS_DIR, 'answer'), answer);
})();
`;

const greetTask = (env: unknown[]) =>
  task('greet', {
    params: [
      { name: 'who', value: '$(params.who)' },
      { name: 'backend', value: '$(params.backend)' },
    ],
    taskSpec: {
      params: [{ name: 'who' }, { name: 'backend' }],
      results: [{ name: 'greeting' }, { name: 'answer' }],
      steps: [
        {
          name: 'greet',
          image: 'node:22',
          env: [
            { name: 'WHO', value: '$(params.who)' },
            { name: 'BACKEND', value: '$(params.backend)' },
            { name: 'RESULTS_DIR', value: '$(results.answer.path)/..' },
            ...env,
          ],
          script: GREET,
        },
      ],
    },
  });

const tokenRef = (name: string) => ({
  name: 'TOKEN',
  valueFrom: { secretKeyRef: { name, key: 'token' } },
});

describe('runScriptStep', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;
  let backend: Server;
  let backendUrl: string;

  beforeAll(async () => {
    backend = createServer((_req, res) => res.end('pong'));
    await new Promise<void>(resolve =>
      backend.listen(0, '127.0.0.1', () => resolve()),
    );
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => backend.close(resolve));
  });

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  const greetRun = (name: string, secret: string) =>
    pipelineRun(name, {
      params: [
        { name: 'who', value: 'world' },
        { name: 'backend', value: backendUrl },
      ],
      pipelineSpec: {
        params: [{ name: 'who' }, { name: 'backend' }],
        tasks: [
          greetTask([tokenRef(secret)]),
          task('echo', {
            params: [{ name: 'g', value: '$(tasks.greet.results.greeting)' }],
          }),
        ],
      },
    });

  it('runs a Node script step for real: env, secret from the executor, backend call, results, log', async () => {
    const echoed: unknown[] = [];
    ({ server, executor } = await startExecutor({
      secrets: { 'slipway-token': { token: 's3cret' } },
      handlers: {
        echo: ({ params }) => {
          echoed.push(params.g);
          return { succeeded: true };
        },
      },
    }));
    const run = await runToEnd(
      server,
      executor,
      greetRun('greets', 'slipway-token'),
    );

    expect(conditionOf(run)?.reason).toBe('Succeeded');
    const tr = taskRunOf(server, 'greets', 'greet')!;
    expect((tr.status as any).results).toEqual([
      { name: 'greeting', type: 'string', value: 'hi world' },
      { name: 'answer', type: 'string', value: 'pong' },
    ]);
    expect((tr.status as any).steps[0].terminated.exitCode).toBe(0);
    expect(echoed).toEqual(['hi world']);
    const log = await podLog(server, 'greets-greet-pod', 'step-greet');
    expect(log).toBe('hello world\ntoken s3cret\nbackend said pong\n');
  });

  it('reads secretKeyRef from a Secret in the fake server, and fails the TaskRun when it is missing', async () => {
    ({ server, executor } = await startExecutor());
    server.put('secrets', {
      metadata: { name: 'in-cluster', namespace: NS },
      data: { token: Buffer.from('from-server').toString('base64') },
    });
    const ok = await runToEnd(
      server,
      executor,
      greetRun('found', 'in-cluster'),
    );
    const missing = await runToEnd(server, executor, greetRun('lost', 'nope'));

    expect(conditionOf(ok)?.reason).toBe('Succeeded');
    expect(await podLog(server, 'found-greet-pod', 'step-greet')).toContain(
      'token from-server',
    );
    expect(conditionOf(missing)?.reason).toBe('Failed');
    expect(conditionOf(taskRunOf(server, 'lost', 'greet'))).toMatchObject({
      status: 'False',
      reason: 'CreateContainerConfigError',
      message: expect.stringContaining(
        "couldn't find key token in Secret nope",
      ),
    });
  });

  it('fails on a non-zero exit, skips the later steps, and goes on after a step with onError: continue', async () => {
    ({ server, executor } = await startExecutor());
    const script = (code: number) =>
      `#!/usr/bin/env node\nconsole.log('exiting ${code}');\nprocess.exit(${code});\n`;
    const steps = (onError?: string) => [
      { name: 'first', image: 'node', script: script(3), onError },
      { name: 'second', image: 'node', script: script(0) },
    ];
    const failed = await runToEnd(
      server,
      executor,
      pipelineRun('exits', {
        pipelineSpec: { tasks: [task('t', { taskSpec: { steps: steps() } })] },
      }),
    );
    const continued = await runToEnd(
      server,
      executor,
      pipelineRun('continues', {
        pipelineSpec: {
          tasks: [task('t', { taskSpec: { steps: steps('continue') } })],
        },
      }),
    );

    const failedTr = taskRunOf(server, 'exits', 't')!;
    expect(conditionOf(failed)?.reason).toBe('Failed');
    expect(conditionOf(failedTr)?.message).toBe(
      '"step-first" exited with code 3',
    );
    expect((failedTr.status as any).steps).toMatchObject([
      {
        name: 'first',
        terminated: { exitCode: 3 },
        terminationReason: 'Error',
      },
      { name: 'second', terminationReason: 'Skipped' },
    ]);
    const continuedTr = taskRunOf(server, 'continues', 't')!;
    expect(conditionOf(continued)?.reason).toBe('Succeeded');
    expect((continuedTr.status as any).steps).toMatchObject([
      {
        name: 'first',
        terminated: { exitCode: 3 },
        terminationReason: 'Continued',
      },
      { name: 'second', terminated: { exitCode: 0 } },
    ]);
  });
});
