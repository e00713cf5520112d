import { ParamValue, PipelineSpec, asArray, str, toParamValue } from './model';
import { RunState } from './runState';
import { Variables, references, substitute } from './variables';

/**
 * v1 `status.results`: each of the Pipeline's `spec.results` with the task results
 * (`$(tasks.<t>.results.<r>)`, `$(finally.<t>.results.<r>)`) and params substituted; a result
 * that uses a result no task produced (its task failed or was skipped) is left out, as Tekton
 * does.
 */
export function pipelineResults(
  spec: PipelineSpec,
  state: RunState,
  vars: Variables,
): Array<{ name: string; value: ParamValue }> {
  const scope = state.variables(vars, true);
  return asArray<{ name?: unknown; value?: unknown }>(spec.results).flatMap(
    result => {
      const name = str(result?.name);
      if (!name) return [];
      const value = substitute(toParamValue(result.value), scope);
      const unresolved = references(value).some(e =>
        /^(tasks|finally)\./.test(e),
      );
      return unresolved ? [] : [{ name, value }];
    },
  );
}
