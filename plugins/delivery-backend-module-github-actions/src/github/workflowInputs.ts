import { ConflictError, InputError } from '@backstage/errors';
import { PipelineParamSpec, RunValue } from '@slipway/plugin-delivery-common';
import { parse } from 'yaml';

/** GitHub's types of `workflow_dispatch` inputs. */
export type DispatchInputType =
  | 'string'
  | 'choice'
  | 'boolean'
  | 'number'
  | 'environment';

/** One declared `on.workflow_dispatch.inputs` entry, and how Slipway shows it. */
export interface DispatchInput {
  name: string;
  type: DispatchInputType;
  required: boolean;
  /** Whether the workflow file sets a `default`. */
  hasDefault: boolean;
  spec: PipelineParamSpec;
}

/** What a workflow file says about starting it by hand. */
export interface DispatchableWorkflow {
  /** The workflow's `name`, when it has one. */
  name?: string;
  inputs: DispatchInput[];
}

/** GitHub accepts at most this many inputs in one dispatch (10 before 2025). */
export const MAX_DISPATCH_INPUTS = 25;

const TYPES = new Set<string>([
  'string',
  'choice',
  'boolean',
  'number',
  'environment',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/** The `workflow_dispatch` trigger of a parsed workflow, or `undefined` without one. */
function dispatchTrigger(on: unknown): { found: boolean; value?: unknown } {
  if (typeof on === 'string') return { found: on === 'workflow_dispatch' };
  if (Array.isArray(on)) return { found: on.includes('workflow_dispatch') };
  if (isObject(on) && 'workflow_dispatch' in on) {
    return { found: true, value: on.workflow_dispatch };
  }
  return { found: false };
}

function mapInput(name: string, raw: unknown): DispatchInput {
  const input = isObject(raw) ? raw : {};
  const declared = scalar(input.type) ?? 'string';
  const type = (TYPES.has(declared) ? declared : 'string') as DispatchInputType;
  const required = input.required === true || input.required === 'true';
  const given = scalar(input.default);
  let options: string[] | undefined;
  if (type === 'boolean') options = ['true', 'false'];
  if (type === 'choice' && Array.isArray(input.options)) {
    options = input.options
      .map(scalar)
      .filter((o): o is string => o !== undefined);
  }
  // What the workflow sees for an input left out: its default, else `false` for a boolean and
  // an empty string for the others. A required input without a default has none: it must be set.
  let fallback: string | undefined = given;
  if (fallback === undefined && !required) {
    fallback = type === 'boolean' ? 'false' : '';
  }
  const description = scalar(input.description);
  return {
    name,
    type,
    required,
    hasDefault: given !== undefined,
    spec: {
      name,
      type: 'string',
      ...(description ? { description } : {}),
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(options ? { options } : {}),
    },
  };
}

/**
 * Reads a workflow file (YAML) for what starting it by hand takes: its `workflow_dispatch`
 * trigger and that trigger's inputs. Every GitHub input is a string param for Slipway; a
 * `choice` offers its `options`, a `boolean` offers `true` and `false`; a default is kept as a
 * string. Throws a `ConflictError` naming `what` when the file is no valid YAML or the workflow
 * has no `workflow_dispatch` trigger.
 */
export function readDispatchableWorkflow(
  text: string,
  what: string,
): DispatchableWorkflow {
  let workflow: unknown;
  try {
    // YAML 1.2 (the library's default), in which `on` is a plain key and not `true`
    workflow = parse(text, { logLevel: 'error', maxAliasCount: 100 });
  } catch (error) {
    throw new ConflictError(
      `${what} is not valid YAML, so its inputs cannot be read: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
  }
  const doc = isObject(workflow) ? workflow : {};
  const trigger = dispatchTrigger(doc.on);
  if (!trigger.found) {
    throw new ConflictError(
      `${what} cannot be started by hand: it has no workflow_dispatch trigger. Add 'workflow_dispatch:' (with any inputs it takes) under 'on:' in the workflow file`,
    );
  }
  const declared =
    isObject(trigger.value) && isObject(trigger.value.inputs)
      ? trigger.value.inputs
      : {};
  return {
    name: scalar(doc.name),
    inputs: Object.entries(declared).map(([name, raw]) => mapInput(name, raw)),
  };
}

function checkValue(input: DispatchInput, value: string, what: string) {
  const bad = (expected: string) =>
    new InputError(
      `Input '${input.name}' of ${what} must be ${expected}, got '${value}'`,
    );
  if (input.type === 'boolean' && value !== 'true' && value !== 'false') {
    throw bad("'true' or 'false'");
  }
  if (
    input.type === 'choice' &&
    input.spec.options &&
    !input.spec.options.includes(value)
  ) {
    throw bad(`one of ${input.spec.options.map(o => `'${o}'`).join(', ')}`);
  }
  if (
    input.type === 'number' &&
    value !== '' &&
    !Number.isFinite(Number(value))
  ) {
    throw bad('a number');
  }
}

/**
 * The `inputs` of a dispatch request: the given values, checked against the declared inputs.
 * Throws an `InputError` for an input the workflow does not declare, a value that is not one
 * string, a value a `boolean`, `choice` or `number` input does not take, and a required input
 * without default that is not given. Inputs left out take their defaults on GitHub.
 */
export function dispatchInputs(
  workflow: DispatchableWorkflow,
  values: RunValue[],
  what: string,
): Record<string, string> {
  const declared = new Map(workflow.inputs.map(i => [i.name, i]));
  const inputs: Record<string, string> = {};
  for (const { name, value } of values) {
    const input = declared.get(name);
    if (!input) {
      const known = [...declared.keys()];
      throw new InputError(
        `${what} has no input '${name}'; ${
          known.length
            ? `its inputs are ${known.map(k => `'${k}'`).join(', ')}`
            : 'it declares no inputs'
        }`,
      );
    }
    if (name in inputs) {
      throw new InputError(`Input '${name}' of ${what} is given twice`);
    }
    if (typeof value !== 'string') {
      throw new InputError(
        `Input '${name}' of ${what} takes one string value, not a list or an object`,
      );
    }
    checkValue(input, value, what);
    inputs[name] = value;
  }
  const missing = workflow.inputs.filter(
    i => i.required && !i.hasDefault && !inputs[i.name],
  );
  if (missing.length) {
    throw new InputError(
      `${what} needs a value for ${missing
        .map(i => `'${i.name}'`)
        .join(', ')}: required and without default`,
    );
  }
  if (Object.keys(inputs).length > MAX_DISPATCH_INPUTS) {
    throw new InputError(
      `GitHub takes at most ${MAX_DISPATCH_INPUTS} inputs in one dispatch; ${what} was given ${
        Object.keys(inputs).length
      }`,
    );
  }
  return inputs;
}
