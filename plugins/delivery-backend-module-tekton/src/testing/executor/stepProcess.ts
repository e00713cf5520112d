import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyRef, StepEnvVar, asArray } from './model';
import { TaskHandlerContext } from './types';

/** A pod that cannot start: a Secret or ConfigMap key its env needs is missing. */
export class ContainerConfigError extends Error {}

function keyValue(
  kind: 'Secret' | 'ConfigMap',
  ref: KeyRef,
  lookup: (name: string, key: string) => string | undefined,
): string | undefined {
  const value = lookup(ref.name, ref.key);
  if (value === undefined && !ref.optional) {
    throw new ContainerConfigError(
      `couldn't find key ${ref.key} in ${kind} ${ref.name} (or the ${kind} does not exist)`,
    );
  }
  return value;
}

/**
 * A step's env as the kubelet sets it: `value`s as they are (variables already substituted),
 * `valueFrom.secretKeyRef` / `configMapKeyRef` looked up; an optional missing key leaves the
 * variable unset, another throws a {@link ContainerConfigError}.
 */
export function stepEnv(
  env: StepEnvVar[] | undefined,
  context: Pick<TaskHandlerContext, 'secretValue' | 'configMapValue'>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const variable of asArray<StepEnvVar>(env)) {
    const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
    let value: string | undefined = variable.value ?? '';
    if (secretKeyRef) {
      value = keyValue('Secret', secretKeyRef, context.secretValue);
    } else if (configMapKeyRef) {
      value = keyValue('ConfigMap', configMapKeyRef, context.configMapValue);
    }
    if (value !== undefined) result[variable.name] = value;
  }
  return result;
}

/**
 * Runs a script with the Node.js running the tests (`process.execPath`), written to a file in
 * `scriptDir` the way Tekton writes step scripts; stdout and stderr are interleaved into one
 * log, as a container log has them. Aborting the signal kills the process.
 */
export async function runNodeScript(args: {
  script: string;
  scriptDir: string;
  name: string;
  cwd: string;
  env: Record<string, string>;
  signal: AbortSignal;
}): Promise<{ exitCode: number; log: string }> {
  if (args.signal.aborted) return { exitCode: 137, log: '' };
  const file = join(args.scriptDir, `script-${args.name}`);
  await writeFile(file, args.script, { mode: 0o755 });
  await mkdir(args.cwd, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd: args.cwd,
      env: args.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const kill = () => child.kill('SIGKILL');
    args.signal.addEventListener('abort', kill, { once: true });
    child.on('error', error => {
      args.signal.removeEventListener('abort', kill);
      reject(error);
    });
    child.on('close', (code, signal) => {
      args.signal.removeEventListener('abort', kill);
      resolve({
        exitCode: code ?? (signal ? 137 : 1),
        log: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}
