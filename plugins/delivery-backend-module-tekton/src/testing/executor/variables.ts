import { isRecord } from '../types';
import { ParamValue } from './model';

/** `$(expression)` — Tekton variables do not nest parentheses. */
const REFERENCE = /\$\(([^()]+)\)/g;
const WHOLE_REFERENCE = /^\$\(([^()]+)\)$/;
const INDEXED = /^(.*)\[(\*|\d+)\]$/;
const RESULT_REFERENCE = /^(tasks|finally)\.([^.[\]]+)\.results\.([^.[\]]+)/;

/** `params["a.b"]` and `params['a']` as `params.a.b` and `params.a`. */
function normalise(expression: string): string {
  return expression.trim().replace(/\[["']([^"']+)["']\]/g, '.$1');
}

/**
 * Values of Tekton variables by their dotted name (`params.x`, `context.pipelineRun.uid`,
 * `tasks.t.results.r`...), with a parent scope to fall back on.
 */
export class Variables {
  private readonly values = new Map<string, ParamValue>();

  constructor(private readonly parent?: Variables) {}

  set(name: string, value: ParamValue): this {
    this.values.set(name, value);
    return this;
  }

  /** Sets `<prefix>.<name>` for every entry. */
  setAll(prefix: string, values: Iterable<[string, ParamValue]>): this {
    for (const [name, value] of values) this.set(`${prefix}.${name}`, value);
    return this;
  }

  /** A child scope: its own values first, then these. */
  child(): Variables {
    return new Variables(this);
  }

  /**
   * The value of an expression: a plain name, `name[*]` (a whole array or object), `name[i]`
   * (one array element) or `name.key` (one object key); `undefined` when unknown.
   */
  lookup(expression: string): ParamValue | undefined {
    const name = normalise(expression);
    const direct = this.get(name);
    if (direct !== undefined) return direct;
    const indexed = INDEXED.exec(name);
    if (indexed) {
      const whole = this.get(indexed[1]);
      if (indexed[2] === '*')
        return typeof whole === 'string' ? undefined : whole;
      return Array.isArray(whole) ? whole[Number(indexed[2])] : undefined;
    }
    const dot = name.lastIndexOf('.');
    const object = dot > 0 ? this.get(name.slice(0, dot)) : undefined;
    if (isRecord(object)) return object[name.slice(dot + 1)];
    return undefined;
  }

  private get(name: string): ParamValue | undefined {
    return this.values.get(name) ?? this.parent?.get(name);
  }
}

function substituteString(text: string, vars: Variables): ParamValue {
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole && /\[\*\]$/.test(whole[1].trim())) {
    const value = vars.lookup(whole[1]);
    if (value !== undefined) return value;
  }
  return text.replace(REFERENCE, (match, expression: string) => {
    const value = vars.lookup(expression);
    return typeof value === 'string' ? value : match;
  });
}

/**
 * Replaces every `$(...)` whose value is known, in strings, arrays and object values (never in
 * keys), like Tekton's variable substitution: an array element that is exactly `$(x[*])` is
 * replaced by the elements of the array `x`; a string that is exactly `$(x[*])` becomes the
 * array or object `x`; unknown variables are left as they are.
 */
export function substitute<T>(value: T, vars: Variables): T {
  if (typeof value === 'string') {
    return substituteString(value, vars) as unknown as T;
  }
  if (Array.isArray(value)) {
    return value.flatMap(item => {
      const replaced = substitute(item, vars);
      return typeof item === 'string' && Array.isArray(replaced)
        ? replaced
        : [replaced];
    }) as unknown as T;
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]),
    ) as T;
  }
  return value;
}

/** Every `$(...)` expression in a value (strings, arrays, object values), normalised. */
export function references(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REFERENCE)) found.push(normalise(m[1]));
  } else if (Array.isArray(value)) {
    value.forEach(v => references(v, found));
  } else if (isRecord(value)) {
    Object.values(value).forEach(v => references(v, found));
  }
  return found;
}

/** A reference to another task's result: `$(tasks.<task>.results.<result>...)`. */
export interface ResultReference {
  section: 'tasks' | 'finally';
  task: string;
  result: string;
}

/** The task result references in a value. */
export function resultReferences(value: unknown): ResultReference[] {
  return references(value).flatMap(expression => {
    const m = RESULT_REFERENCE.exec(expression);
    return m
      ? [{ section: m[1] as 'tasks' | 'finally', task: m[2], result: m[3] }]
      : [];
  });
}
