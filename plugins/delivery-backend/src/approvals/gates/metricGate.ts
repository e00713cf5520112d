import {
  ApprovalGateStatus,
  PipelineRunWithTasks,
  RunValue,
} from '@slipway/plugin-delivery-common';
import { METRIC_EXPRESSION } from '../policy/policySchema';

const compare: Record<string, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
};

/** The named result of the run, or of one of its tasks (e.g. a `validate` task's `accuracy`). */
function findResult(
  run: PipelineRunWithTasks,
  name: string,
): RunValue | undefined {
  return (
    run.results?.find(r => r.name === name) ??
    run.tasks.flatMap(t => t.results ?? []).find(r => r.name === name)
  );
}

/**
 * Checks a threshold such as `accuracy >= 0.8` against the results of the run that built the
 * artifact being promoted.
 */
export function metricGate(
  expression: string,
  run: PipelineRunWithTasks | undefined,
): ApprovalGateStatus {
  const [, name, op, threshold] = METRIC_EXPRESSION.exec(expression) ?? [];
  const gate = (passed: boolean, detail: string): ApprovalGateStatus => ({
    kind: 'metric',
    name: expression.trim(),
    passed,
    detail,
  });
  if (!run) {
    return gate(
      false,
      'No pipeline run is known for this request to read the result from',
    );
  }
  const result = findResult(run, name);
  if (!result) return gate(false, `Run ${run.name} has no result '${name}'`);
  const value =
    typeof result.value === 'string' ? Number(result.value.trim()) : NaN;
  if (!Number.isFinite(value)) {
    return gate(false, `Result '${name}' of run ${run.name} is not a number`);
  }
  const passed = compare[op](value, Number(threshold));
  return gate(
    passed,
    `${name} = ${value} in run ${run.name} (needs ${op} ${threshold})`,
  );
}
