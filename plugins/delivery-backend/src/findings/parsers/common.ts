import { InputError } from '@backstage/errors';
import { FindingSeverity } from '@slipway/plugin-delivery-node';
import { createHash } from 'crypto';

/**
 * A stable fingerprint from the parts that identify a finding. Parts are joined with a
 * separator that cannot occur in them, so ('a', 'bc') and ('ab', 'c') differ.
 */
export function hashFingerprint(
  ...parts: Array<string | number | undefined>
): string {
  return createHash('sha256')
    .update(parts.map(p => (p === undefined ? '' : String(p))).join('\u0000'))
    .digest('hex')
    .slice(0, 40);
}

/**
 * Severity from a tool's word, case-insensitive: critical, high, medium/moderate, low,
 * negligible/info/informational/note/none. `undefined` for words it does not know (e.g. Unknown).
 */
export function severityFromWord(word: unknown): FindingSeverity | undefined {
  if (typeof word !== 'string') return undefined;
  switch (word.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'error':
      return 'high';
    case 'medium':
    case 'moderate':
    case 'warning':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'info':
    case 'informational':
    case 'note':
    case 'none':
      return 'info';
    default:
      return undefined;
  }
}

/** Severity from a CVSS base score (or SARIF `security-severity`): 9+ critical, 7+ high, 4+ medium, >0 low. */
export function severityFromScore(score: unknown): FindingSeverity | undefined {
  const n = typeof score === 'string' ? Number(score) : score;
  if (typeof n !== 'number' || Number.isNaN(n)) return undefined;
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  if (n > 0) return 'low';
  return 'info';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws an InputError naming the field: `Invalid <format> report: <field> <problem>`. */
export function invalid(format: string, field: string, problem: string): never {
  throw new InputError(`Invalid ${format} report: ${field} ${problem}`);
}

/** A string field, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
