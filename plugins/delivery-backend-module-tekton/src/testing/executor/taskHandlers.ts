import { Step, asArray, stepName } from './model';
import { isNodeScriptStep, runScriptStep } from './runScriptStep';
import { TaskHandler } from './types';

/** A handler that succeeds at once with these results (and log). */
export function succeedWith(
  results: Record<string, string> = {},
  log?: string,
): TaskHandler {
  return () => ({ succeeded: true, results, ...(log ? { log } : {}) });
}

/** A handler that fails at once: its last step exits with `exitCode`, logging `log`. */
export function failWith(log?: string, exitCode = 1): TaskHandler {
  return ({ taskSpec }) => {
    const steps = asArray<Step>(taskSpec.steps);
    return {
      succeeded: false,
      steps: steps.map((step, i) => ({
        name: stepName(step, i),
        exitCode: i === steps.length - 1 ? exitCode : 0,
        ...(i === steps.length - 1 && log !== undefined ? { log } : {}),
      })),
    };
  };
}

/**
 * What a task without a handler does: a task whose steps are all `#!/usr/bin/env node` scripts
 * (such as Slipway's own Tasks) runs for real with {@link runScriptStep}; any other task
 * succeeds at once without results, its log saying that nothing ran.
 */
export const defaultTaskHandler: TaskHandler = context => {
  const steps = asArray<Step>(context.taskSpec.steps);
  if (steps.length > 0 && steps.every(isNodeScriptStep)) {
    return runScriptStep(context);
  }
  return {
    succeeded: true,
    log: `TektonTestExecutor: no TaskHandler for "${context.pipelineTaskName}"; its steps did not run\n`,
  };
};
