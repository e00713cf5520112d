import { WhenExpression, asArray, asRecord } from './model';
import { RunFailure } from './resolve';

/** A task's `when` expressions (operators other than `in` / `notin` fail pipeline validation). */
export function whenExpressions(task: { when?: unknown }): WhenExpression[] {
  return asArray(task.when).map(raw => {
    const when = asRecord(raw);
    if (when.operator !== 'in' && when.operator !== 'notin') {
      throw new RunFailure(
        'PipelineValidationFailed',
        `when expression ${JSON.stringify(
          raw,
        )}: only the operators "in" and "notin" are supported`,
      );
    }
    return {
      input: String(when.input ?? ''),
      operator: when.operator,
      values: asArray(when.values).map(String),
    };
  });
}

/** Whether every (substituted) `when` expression holds, as Tekton evaluates them. */
export function whenAllows(expressions: WhenExpression[]): boolean {
  return expressions.every(({ input, operator, values }) =>
    operator === 'in' ? values.includes(input) : !values.includes(input),
  );
}
