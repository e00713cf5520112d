import { PipelineParamSpec } from '@slipway/plugin-delivery-common';

/** The form's text per param name (an array param: one value per line). */
export type ParamValues = Record<string, string>;

/** How the start form shows a param. */
export type ParamKind = 'text' | 'select' | 'lines' | 'fixed';

/**
 * How a param is edited: a select when the definition lists its values, one value per line for
 * an array, a text field for a string; an object param cannot be sent, so it keeps its default.
 */
export function paramKind(param: PipelineParamSpec): ParamKind {
  if (param.type === 'object') return 'fixed';
  if (param.type === 'array') return 'lines';
  return param.options?.length ? 'select' : 'text';
}

/** A param without a default must be given. */
export function isRequired(param: PipelineParamSpec): boolean {
  return param.default === undefined;
}

/** The form's starting values: each param's default, as the field shows it. */
export function initialValues(params: PipelineParamSpec[]): ParamValues {
  const values: ParamValues = {};
  for (const param of params) {
    const value = param.default;
    if (paramKind(param) === 'fixed') continue;
    if (Array.isArray(value)) values[param.name] = value.join('\n');
    else if (typeof value === 'string') values[param.name] = value;
    else values[param.name] = '';
  }
  return values;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
}

/**
 * What is wrong with the form, per param name: a required param left empty, a value the
 * definition does not allow, or a required object param (which this form cannot set).
 */
export function validate(
  params: PipelineParamSpec[],
  values: ParamValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const param of params) {
    const kind = paramKind(param);
    const value = values[param.name] ?? '';
    if (kind === 'fixed') {
      if (isRequired(param)) {
        errors[param.name] =
          'An object param without a default cannot be set here; start this pipeline from its provider';
      }
    } else if (kind === 'lines') {
      if (isRequired(param) && lines(value).length === 0) {
        errors[param.name] = 'Required: give at least one value';
      }
    } else if (isRequired(param) && value === '') {
      errors[param.name] = 'Required';
    } else if (
      kind === 'select' &&
      value !== '' &&
      !param.options!.includes(value)
    ) {
      errors[param.name] = `Must be one of ${param.options!.join(', ')}`;
    }
  }
  return errors;
}

/** The `params` of a start request: every param the form edits, arrays split into lines. */
export function toRequestParams(
  params: PipelineParamSpec[],
  values: ParamValues,
): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const param of params) {
    const kind = paramKind(param);
    if (kind === 'fixed') continue;
    const value = values[param.name] ?? '';
    body[param.name] = kind === 'lines' ? lines(value) : value;
  }
  return body;
}

/**
 * A fresh key for the `Idempotency-Key` header: random, 1 to 255 visible ASCII characters.
 * `crypto.randomUUID` exists only in secure contexts; `getRandomValues` everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return `start-${crypto.randomUUID()}`;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `start-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join(
    '',
  )}`;
}
