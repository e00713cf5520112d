import { InputError } from '@backstage/errors';

/** One requirement of a Kubernetes label selector. */
type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesNotExist' };

/** A parsed label selector; `matches` tests a label map. */
export interface LabelSelector {
  matches(labels: Record<string, string> | undefined): boolean;
}

const SET_BASED = /^([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^)]*)\)$/;
const EQUALITY = /^([A-Za-z0-9./_-]+)\s*(==|=|!=)\s*([A-Za-z0-9._-]*)$/;
const EXISTENCE = /^(!?)([A-Za-z0-9./_-]+)$/;

/** Splits on commas that are not inside parentheses. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

function parseRequirement(text: string): Requirement {
  const set = SET_BASED.exec(text);
  if (set) {
    const values = set[3]
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
    return { key: set[1], op: set[2] as 'in' | 'notin', values };
  }
  const eq = EQUALITY.exec(text);
  if (eq) {
    return { key: eq[1], op: eq[2] === '!=' ? 'notin' : 'in', values: [eq[3]] };
  }
  const exists = EXISTENCE.exec(text);
  if (exists) {
    return { key: exists[2], op: exists[1] ? 'doesNotExist' : 'exists' };
  }
  throw new InputError(`Invalid label selector requirement '${text}'`);
}

function satisfies(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.op) {
    case 'exists':
      return has;
    case 'doesNotExist':
      return !has;
    case 'in':
      return has && req.values.includes(labels[req.key]);
    default:
      return !has || !req.values.includes(labels[req.key]);
  }
}

/**
 * Parses a Kubernetes label selector (`a=b,c!=d,e in (f,g),h,!i`), as used in the
 * `backstage.io/kubernetes-label-selector` annotation.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  const requirements = splitRequirements(selector).map(parseRequirement);
  if (requirements.length === 0) {
    throw new InputError('Empty label selector');
  }
  return {
    matches: labels => requirements.every(r => satisfies(r, labels ?? {})),
  };
}
