import { InputError } from '@backstage/errors';
import { PipelineParamSpec, RunValue } from '@slipway/plugin-delivery-common';

type Given = Record<string, string | string[]>;

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : 'a single value';
}

/**
 * The params of a run to start, checked against the pipeline's declared params: 400 naming an
 * undeclared param, a required one left out (no default), a list for a string param (or the
 * reverse) and a value outside the allowed options. Params left out take their defaults in the
 * provider, so only the given ones are returned, in declaration order.
 */
export function checkStartParams(
  specs: PipelineParamSpec[],
  given: Given,
  pipelineName: string,
): RunValue[] {
  const declared = new Map(specs.map(s => [s.name, s]));
  const unknown = Object.keys(given).filter(name => !declared.has(name));
  if (unknown.length > 0) {
    throw new InputError(
      `Pipeline '${pipelineName}' declares no param ${unknown
        .map(n => `'${n.slice(0, 100)}'`)
        .join(', ')}; it takes ${specs.map(s => s.name).join(', ') || 'none'}`,
    );
  }
  const missing = specs.filter(
    s => s.default === undefined && given[s.name] === undefined,
  );
  if (missing.length > 0) {
    throw new InputError(
      `Pipeline '${pipelineName}' needs a value for ${missing
        .map(s => `'${s.name}'`)
        .join(', ')} (no default)`,
    );
  }
  const values: RunValue[] = [];
  for (const spec of specs) {
    const value = given[spec.name];
    if (value === undefined) continue;
    if (spec.type === 'object') {
      throw new InputError(
        `Param '${spec.name}' of '${pipelineName}' is an object; Slipway starts runs with its default only`,
      );
    }
    if ((spec.type === 'array') !== Array.isArray(value)) {
      throw new InputError(
        `Param '${spec.name}' of '${pipelineName}' is ${
          spec.type === 'array' ? 'a list' : 'a single value'
        }, got ${describe(value)}`,
      );
    }
    const outside = (Array.isArray(value) ? value : [value]).filter(
      v => spec.options && !spec.options.includes(v),
    );
    if (outside.length > 0) {
      throw new InputError(
        `Param '${
          spec.name
        }' of '${pipelineName}' must be one of ${spec.options!.join(
          ', ',
        )}; got '${outside[0].slice(0, 100)}'`,
      );
    }
    values.push({ name: spec.name, value });
  }
  return values;
}
