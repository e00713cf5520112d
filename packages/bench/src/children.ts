import { execFile } from 'node:child_process';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { progress } from './lib/log';

/** The repository root (this package is packages/bench). */
export const REPO_ROOT = resolve(
  resolvePackagePath('@internal/bench'),
  '../..',
);

/**
 * Runs one of the plugins' own benchmark scripts (`npm run bench:<name>`) as a child process
 * and returns the JSON object it prints; its progress goes through to stderr.
 */
export async function childBench(name: string, args: string[]) {
  progress(`npm run bench:${name} -- ${args.join(' ')}`);
  const child = promisify(execFile)(
    'npm',
    ['run', '--silent', `bench:${name}`, '--', ...args],
    { cwd: REPO_ROOT, maxBuffer: 64 * 2 ** 20 },
  );
  child.child.stderr?.pipe(process.stderr);
  const { stdout } = await child;
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}
