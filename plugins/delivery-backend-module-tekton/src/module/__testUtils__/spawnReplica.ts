import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** A replica process and the port its backend listens on. */
export interface Replica {
  process: ChildProcess;
  port: number;
  output: string[];
}

const root = path.resolve(__dirname, '../../../../..');

/** Starts {@link ./replica.ts} as its own Node process; resolves once it listens. */
export function spawnReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'replica.ts'),
    ],
    {
      cwd: root,
      env: { ...process.env, ...env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`replica did not start:\n${output.join('')}`)),
      90_000,
    );
    child.stderr!.on('data', d => output.push(String(d)));
    child.stdout!.on('data', data => {
      const text = String(data);
      output.push(text);
      const ready = /READY (\d+)/.exec(text);
      if (ready) {
        clearTimeout(timer);
        resolve({ process: child, port: Number(ready[1]), output });
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}:\n${output.join('')}`));
    });
  });
}
