import { RunValue } from '@slipway/plugin-delivery-common';
import { TektonNamedValue } from './objects';

/**
 * The value when it is a non-empty string, else `undefined`.
 *
 * @public
 */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A Kubernetes timestamp as a normalised ISO 8601 string (`toISOString()` form), or `undefined`
 * when it is absent, `null` or unparseable.
 *
 * @public
 */
export function toIsoTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Whole seconds from `start` to `end` (ISO strings), or `undefined` when either is missing or
 * the end lies before the start.
 *
 * @public
 */
export function secondsBetween(
  start: string | undefined,
  end: string | undefined,
): number | undefined {
  if (!start || !end) {
    return undefined;
  }
  const ms = new Date(end).getTime() - new Date(start).getTime();
  return ms >= 0 ? Math.round(ms / 1000) : undefined;
}

function scalarToString(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    return String(value);
  }
  if (value === null || value === undefined) {
    return '';
  }
  return JSON.stringify(value);
}

/**
 * A Tekton param or result value as a {@link RunValue} value: strings stay strings, arrays become
 * arrays of strings, objects become objects of strings; numbers and booleans (seen in
 * hand-written YAML) are stringified, and `null` becomes the empty string.
 *
 * @public
 */
export function toRunValueValue(value: unknown): RunValue['value'] {
  if (Array.isArray(value)) {
    return value.map(scalarToString);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scalarToString(v)]),
    );
  }
  return scalarToString(value);
}

/**
 * Tekton params or results as {@link RunValue}s, dropping entries without a name. Returns
 * `undefined` when the list is absent or not an array.
 *
 * @public
 */
export function toRunValues(
  list: TektonNamedValue[] | null | undefined,
): RunValue[] | undefined {
  if (!Array.isArray(list)) {
    return undefined;
  }
  const values: RunValue[] = [];
  for (const entry of list) {
    const name = nonEmptyString(entry?.name);
    if (name) {
      values.push({ name, value: toRunValueValue(entry.value) });
    }
  }
  return values;
}

/**
 * Only the string-valued entries of a label or annotation map (hand-written data may hold
 * numbers or nulls there).
 *
 * @public
 */
export function stringMap(
  map: Record<string, unknown> | null | undefined,
): Record<string, string> | undefined {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (typeof value === 'string') {
      out[key] = value;
    }
  }
  return out;
}
