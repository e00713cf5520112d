import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Step, TaskSpec, asArray, stepName } from './model';
import {
  StepOutcome,
  TaskHandler,
  TaskHandlerContext,
  TaskOutcome,
} from './types';

function errorOutcome(pipelineTaskName: string, error: unknown): TaskOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    succeeded: false,
    message: `The TaskHandler of "${pipelineTaskName}" threw: ${message}`,
    log: error instanceof Error && error.stack ? error.stack : message,
  };
}

/**
 * Calls the handler; a throw becomes a failed outcome. Resolves `'cancelled'` as soon as the
 * context's signal aborts (the handler's promise is then handed to `track`, so the executor
 * can still wait for it).
 */
export async function invokeHandler(
  handler: TaskHandler,
  context: TaskHandlerContext,
  track: (promise: Promise<unknown>) => void,
): Promise<TaskOutcome | 'cancelled'> {
  const { signal } = context;
  if (signal.aborted) return 'cancelled';
  const outcome = Promise.resolve()
    .then(() => handler(context))
    .catch(error => errorOutcome(context.pipelineTaskName, error));
  let onAbort = () => {};
  const aborted = new Promise<'cancelled'>(resolve => {
    onAbort = () => resolve('cancelled');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const first = await Promise.race([outcome, aborted]);
  signal.removeEventListener('abort', onAbort);
  if (first === 'cancelled') track(outcome);
  return first;
}

/**
 * The step outcomes of a task outcome: the handler's own, else every step exiting 0 when it
 * succeeded, or the last step exiting 1 when it failed; the log goes to the last step.
 */
export function stepOutcomes(
  outcome: TaskOutcome,
  steps: Step[],
): StepOutcome[] {
  if (outcome.steps) return outcome.steps;
  const names = steps.map(stepName);
  return names.map((name, i) => {
    const last = i === names.length - 1;
    return {
      name,
      exitCode: outcome.succeeded || !last ? 0 : 1,
      ...(last && outcome.log !== undefined ? { log: outcome.log } : {}),
    };
  });
}

/** Tekton's message for a failed TaskRun: the first failing step and its exit code. */
export function failureMessage(steps: StepOutcome[]): string {
  const failed = steps.find(
    s => s.exitCode !== 0 && s.terminationReason !== 'Continued',
  );
  return failed
    ? `"step-${failed.name}" exited with code ${failed.exitCode}`
    : 'The TaskRun failed';
}

/** The task's declared results that it wrote into the results directory. */
export async function readResultFiles(
  spec: TaskSpec,
  resultsDir: string,
): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const { name } of asArray<{ name: string }>(spec.results)) {
    try {
      results[name] = await readFile(join(resultsDir, name), 'utf8');
    } catch {
      // not written: no such result
    }
  }
  return results;
}
