import { KubeObject, isRecord } from './types';

/** Decides whether an object is selected. */
export type ObjectPredicate = (obj: KubeObject) => boolean;

const KEY = '[A-Za-z0-9][-A-Za-z0-9_./]*';
const VALUE = '[-A-Za-z0-9_.]*';
const SET_TERM = new RegExp(`^(${KEY})\\s+(in|notin)\\s+\\(([^()]*)\\)$`);
const NOT_EXISTS = new RegExp(`^!\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const EXISTS = new RegExp(`^(${KEY})$`);

type Requirement = (labels: Record<string, string>) => boolean;

/** Splits on commas that are not inside `( )`. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(t => t.length > 0);
}

function parseRequirement(term: string): Requirement {
  const set = SET_TERM.exec(term);
  if (set) {
    const [, key, op, rawValues] = set;
    const values = rawValues
      .split(',')
      .map(v => v.trim())
      .filter(v => v.length > 0);
    return op === 'in'
      ? labels => key in labels && values.includes(labels[key])
      : labels => !(key in labels) || !values.includes(labels[key]);
  }
  const notExists = NOT_EXISTS.exec(term);
  if (notExists) {
    const key = notExists[1];
    return labels => !(key in labels);
  }
  const equality = EQUALITY.exec(term);
  if (equality) {
    const [, key, op, value] = equality;
    return op === '!='
      ? labels => labels[key] !== value
      : labels => labels[key] === value;
  }
  const exists = EXISTS.exec(term);
  if (exists) {
    const key = exists[1];
    return labels => key in labels;
  }
  throw new Error(`unable to parse requirement: "${term}"`);
}

/** The string-valued labels of an object. */
export function labelsOf(obj: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  const raw: unknown = obj.metadata.labels;
  if (isRecord(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'string') labels[key] = value;
    }
  }
  return labels;
}

/**
 * Parses a Kubernetes label selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`,
 * `k in (a,b)`, `k notin (a,b)`, comma-separated (all must hold).
 * Throws on syntax it does not understand.
 */
export function parseLabelSelector(
  selector: string | undefined,
): ObjectPredicate {
  const requirements = splitTerms(selector ?? '').map(parseRequirement);
  return obj => {
    const labels = labelsOf(obj);
    return requirements.every(req => req(labels));
  };
}

const FIELDS: Record<string, (obj: KubeObject) => string> = {
  'metadata.name': obj => obj.metadata.name,
  'metadata.namespace': obj => obj.metadata.namespace ?? '',
};

/**
 * Parses a field selector. Like the real API server for custom resources,
 * only `metadata.name` and `metadata.namespace` with `=`, `==`, `!=` work.
 */
export function parseFieldSelector(
  selector: string | undefined,
): ObjectPredicate {
  const requirements = splitTerms(selector ?? '').map(term => {
    const match = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    const field = match ? FIELDS[match[1]] : undefined;
    if (!match || !field) {
      throw new Error(`field label not supported: "${term}"`);
    }
    const [, , op, value] = match;
    return (obj: KubeObject) => (field(obj) === value) === (op !== '!=');
  });
  return obj => requirements.every(req => req(obj));
}
