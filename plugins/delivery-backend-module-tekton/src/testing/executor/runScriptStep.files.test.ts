import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubeApiServer } from '../FakeKubeApiServer';
import {
  conditionOf,
  pipelineRun,
  podLog,
  runToEnd,
  startExecutor,
  task,
  taskRunOf,
} from './__testUtils__/objects';
import { runScriptStep } from './runScriptStep';
import { TektonTestExecutor } from './TektonTestExecutor';

describe('runScriptStep: workspaces, result paths, other steps', () => {
  let server: FakeKubeApiServer;
  let executor: TektonTestExecutor;

  afterEach(async () => {
    await executor.stop();
    await server.close();
  });

  it('runs in the workspace a handler of an earlier task wrote to', async () => {
    ({ server, executor } = await startExecutor({
      handlers: {
        scan: async ({ workspaces }) => {
          await writeFile(join(workspaces.source, 'report.json'), '{"n":2}');
          return { succeeded: true };
        },
      },
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('in-workspace', {
        workspaces: [{ name: 'shared', emptyDir: {} }],
        pipelineSpec: {
          workspaces: [{ name: 'shared' }],
          tasks: [
            task('scan', {
              workspaces: [{ name: 'source', workspace: 'shared' }],
            }),
            task('count', {
              runAfter: ['scan'],
              workspaces: [{ name: 'source', workspace: 'shared' }],
              taskSpec: {
                workspaces: [{ name: 'source' }],
                results: [{ name: 'n' }],
                steps: [
                  {
                    name: 'count',
                    image: 'node',
                    workingDir: '$(workspaces.source.path)',
                    script:
                      "#!/usr/bin/env node\nconst r = require('fs').readFileSync('report.json', 'utf8');\nrequire('fs').writeFileSync('$(results.n.path)', String(JSON.parse(r).n));\n",
                  },
                ],
              },
            }),
          ],
        },
      }),
    );
    expect(conditionOf(run)?.reason).toBe('Succeeded');
    expect(
      (taskRunOf(server, 'in-workspace', 'count')!.status as any).results,
    ).toEqual([{ name: 'n', type: 'string', value: '2' }]);
  });

  it('uses the directory the test gives for a binding, fills secret bindings, removes its temporary ones', async () => {
    const given = await mkdtemp(join(tmpdir(), 'given-ws-'));
    const seen: Record<string, string>[] = [];
    ({ server, executor } = await startExecutor({
      workspaces: { source: given },
      secrets: { 'registry-creds': { '.dockerconfigjson': '{"auths":{}}' } },
      handlers: {
        build: async ({ workspaces }) => {
          seen.push(workspaces);
          await writeFile(join(workspaces.source, 'image.txt'), 'built');
          const config = join(workspaces.dockerconfig, 'config.json');
          return {
            succeeded: (await readFile(config, 'utf8')) === '{"auths":{}}',
          };
        },
      },
    }));
    try {
      const run = await runToEnd(
        server,
        executor,
        pipelineRun('given', {
          workspaces: [
            { name: 'source', emptyDir: {} },
            {
              name: 'docker',
              secret: {
                secretName: 'registry-creds',
                items: [{ key: '.dockerconfigjson', path: 'config.json' }],
              },
            },
          ],
          pipelineSpec: {
            workspaces: [{ name: 'source' }, { name: 'docker' }],
            tasks: [
              task('build', {
                workspaces: [
                  { name: 'source', workspace: 'source', subPath: 'app' },
                  { name: 'dockerconfig', workspace: 'docker' },
                ],
              }),
            ],
          },
        }),
      );
      expect(conditionOf(run)?.reason).toBe('Succeeded');
      expect(seen[0].source).toBe(join(given, 'app'));
      expect(await readFile(join(given, 'app', 'image.txt'), 'utf8')).toBe(
        'built',
      );
      expect(existsSync(seen[0].dockerconfig)).toBe(false);
      expect(taskRunOf(server, 'given', 'build')?.spec).toMatchObject({
        workspaces: [
          { name: 'source', emptyDir: {}, subPath: 'app' },
          { name: 'dockerconfig', secret: { secretName: 'registry-creds' } },
        ],
      });
    } finally {
      await rm(given, { recursive: true, force: true });
    }
  });

  it('does not resolve $(results.x.path)/.. lexically: like on a cluster, the file x must exist first', async () => {
    ({ server, executor } = await startExecutor());
    const write = (file: string) =>
      `require('fs').writeFileSync(process.env.DIR + '/${file}', '${file}');`;
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('dotdot', {
        pipelineSpec: {
          tasks: [
            task('t', {
              taskSpec: {
                results: [{ name: 'a' }, { name: 'b' }],
                steps: [
                  {
                    name: 'write',
                    image: 'node',
                    env: [{ name: 'DIR', value: '$(results.a.path)/..' }],
                    script: `#!/usr/bin/env node\n${write('b')}\n`,
                  },
                ],
              },
            }),
          ],
        },
      }),
    );
    expect(conditionOf(run)?.reason).toBe('Failed');
    const log = await podLog(server, 'dotdot-t-pod', 'step-write');
    expect(log).toMatch(
      /ENOENT: no such file or directory, open '.*\/a\/\.\.\/b'/,
    );
  });

  it('fails a task whose steps are not Node scripts when it is the handler', async () => {
    ({ server, executor } = await startExecutor({
      handlers: { shell: runScriptStep },
    }));
    const run = await runToEnd(
      server,
      executor,
      pipelineRun('shell', {
        pipelineSpec: {
          tasks: [
            task('shell', {
              taskSpec: {
                steps: [
                  {
                    name: 'sh',
                    image: 'busybox',
                    script: '#!/bin/sh\necho hi\n',
                  },
                ],
              },
            }),
          ],
        },
      }),
    );
    expect(conditionOf(run)?.reason).toBe('Failed');
    expect(conditionOf(taskRunOf(server, 'shell', 'shell'))?.message).toContain(
      'runScriptStep runs only "#!/usr/bin/env node" scripts; step "sh" of "shell" is not one',
    );
  });
});
