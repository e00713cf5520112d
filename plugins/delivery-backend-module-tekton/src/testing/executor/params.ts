import { isRecord } from '../types';
import {
  NamedValue,
  ParamSpec,
  ParamValue,
  asArray,
  str,
  toParamValue,
} from './model';
import { RunFailure } from './resolve';

type ParamType = 'string' | 'array' | 'object';

/** The declared type, else the type of the default (as Tekton infers it), else string. */
function typeOf(spec: ParamSpec): ParamType {
  if (spec.type === 'array' || spec.type === 'object') return spec.type;
  if (spec.type === undefined && Array.isArray(spec.default)) return 'array';
  if (spec.type === undefined && isRecord(spec.default)) return 'object';
  return 'string';
}

function typeOfValue(value: ParamValue): ParamType {
  if (Array.isArray(value)) return 'array';
  return isRecord(value) ? 'object' : 'string';
}

/** Declared params with a name. */
export function paramSpecs(list: unknown): ParamSpec[] {
  return asArray<ParamSpec>(list).filter(p => str(p?.name) !== undefined);
}

/**
 * Values of params: the given ones (an object value merged over the object default), the
 * defaults of the others; plus what is missing (declared without default and not given) and
 * what has the wrong type.
 */
export function bindParams(
  specs: ParamSpec[],
  given: NamedValue[],
): {
  values: Map<string, ParamValue>;
  missing: string[];
  mismatched: string[];
} {
  const values = new Map<string, ParamValue>();
  const missing: string[] = [];
  const mismatched: string[] = [];
  const provided = new Map(given.map(p => [p.name, p.value]));
  for (const spec of specs) {
    const value = provided.get(spec.name);
    const fallback =
      spec.default === undefined ? undefined : toParamValue(spec.default);
    if (value === undefined) {
      if (fallback === undefined) missing.push(spec.name);
      else values.set(spec.name, fallback);
      continue;
    }
    if (typeOfValue(value) !== typeOf(spec)) mismatched.push(spec.name);
    values.set(
      spec.name,
      isRecord(value) && isRecord(fallback) ? { ...fallback, ...value } : value,
    );
  }
  for (const [name, value] of provided) {
    if (!values.has(name)) values.set(name, value);
  }
  return { values, missing, mismatched };
}

/**
 * A PipelineRun's params against its Pipeline's param specs, as the Tekton reconciler checks
 * them: a missing required param fails the run with `ParameterMissing`, a value of the wrong
 * type with `ParameterTypeMismatch`. Returns the values with the defaults applied.
 */
export function pipelineRunParams(
  specs: ParamSpec[],
  given: NamedValue[],
  where: { namespace: string; runName: string; pipelineName: string },
): Map<string, ParamValue> {
  const { values, missing, mismatched } = bindParams(specs, given);
  if (missing.length > 0) {
    throw new RunFailure(
      'ParameterMissing',
      `PipelineRun ${where.namespace}/${
        where.runName
      } is missing some parameters required by Pipeline ${
        where.pipelineName
      }'s parameters: pipelineRun missing parameters: [${missing.join(' ')}]`,
    );
  }
  if (mismatched.length > 0) {
    throw new RunFailure(
      'ParameterTypeMismatch',
      `PipelineRun ${where.namespace}/${
        where.runName
      } parameters have mismatching types with Pipeline ${
        where.pipelineName
      }'s parameters: [${mismatched.join(' ')}]`,
    );
  }
  return values;
}
