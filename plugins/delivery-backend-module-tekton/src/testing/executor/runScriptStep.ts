import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Step, asArray, stepName, str } from './model';
import { ContainerConfigError, runNodeScript, stepEnv } from './stepProcess';
import { StepOutcome, TaskHandler, TaskOutcome } from './types';

const NODE_SHEBANG = /^#!\/usr\/bin\/env node[ \t]*(\r?\n|$)/;

/** Whether a step is a script run by `#!/usr/bin/env node`. */
export function isNodeScriptStep(step: Step): boolean {
  return NODE_SHEBANG.test(str(step.script)?.trimStart() ?? '');
}

/**
 * A {@link TaskHandler} that runs the task's steps for real, in order, as Tekton's pod would:
 * each step must be a `#!/usr/bin/env node` script (anything else throws, which fails the
 * TaskRun), run with the tests' Node.js in `workingDir` (else a scratch directory) with only
 * `PATH`, `HOME` and the step's `env` (variables substituted, `secretKeyRef` and
 * `configMapKeyRef` resolved; a missing key fails the TaskRun with
 * `CreateContainerConfigError` before any step runs). Its stdout and stderr are the step's pod
 * log, its exit code the step's; a failing step fails the task and skips the rest, unless it
 * has `onError: continue`. Files the scripts write to `$(results.<r>.path)` become results.
 */
export const runScriptStep: TaskHandler = async context => {
  const steps = asArray<Step>(context.taskSpec.steps);
  const other = steps.findIndex(step => !isNodeScriptStep(step));
  if (other >= 0) {
    throw new Error(
      `runScriptStep runs only "#!/usr/bin/env node" scripts; step "${stepName(
        steps[other],
        other,
      )}" of "${context.pipelineTaskName}" is not one`,
    );
  }
  let envs: Array<Record<string, string>>;
  try {
    envs = steps.map(step => stepEnv(step.env, context));
  } catch (error) {
    if (!(error instanceof ContainerConfigError)) throw error;
    return {
      succeeded: false,
      reason: 'CreateContainerConfigError',
      message: `Failed to create pod due to config error: ${error.message}`,
      steps: [],
    };
  }
  const scratch = await mkdtemp(join(tmpdir(), 'tekton-step-'));
  try {
    await mkdir(join(scratch, 'home'));
    const outcomes: StepOutcome[] = [];
    for (const [i, step] of steps.entries()) {
      const name = stepName(step, i);
      const workingDir = str(step.workingDir);
      const { exitCode, log } = await runNodeScript({
        script: String(step.script).trimStart(),
        scriptDir: scratch,
        name,
        cwd: workingDir
          ? join(isAbsolute(workingDir) ? '' : scratch, workingDir)
          : join(scratch, 'cwd'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: join(scratch, 'home'),
          ...envs[i],
        },
        signal: context.signal,
      });
      const continued = exitCode !== 0 && step.onError === 'continue';
      outcomes.push({
        name,
        exitCode,
        log,
        ...(continued ? { terminationReason: 'Continued' } : {}),
      });
      if (exitCode !== 0 && !continued) {
        return { succeeded: false, steps: outcomes } satisfies TaskOutcome;
      }
    }
    return { succeeded: true, steps: outcomes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
