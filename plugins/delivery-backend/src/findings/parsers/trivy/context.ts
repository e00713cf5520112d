import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { invalid, isObject, str } from '../common';

/** The name used in error messages: `Invalid Trivy report: ...`. */
export const TRIVY = 'Trivy';

/** Where one `Results[]` entry sits in the report, and what was scanned. */
export interface ResultScope {
  /** Field path of the result for error messages, e.g. `Results[0]`. */
  field: string;
  /** Prefix of the finding target (the k8s resource), e.g. `default/Deployment/web`. */
  targetPrefix?: string;
  artifactName?: string;
  artifactType?: string;
}

/** One result being read: its scope, target and the raw entry. */
export interface Context extends ResultScope {
  target: string;
  rawTarget: string;
  result: Record<string, unknown>;
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/** The result's array field `key` (absent or null: empty); throws when it is not an array. */
export function list(ctx: Context, key: string): unknown[] {
  const value = ctx.result[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    invalid(TRIVY, `${ctx.field}.${key}`, 'must be an array');
  return value;
}

/** An array entry that must be an object; throws naming `field` otherwise. */
export function entry(value: unknown, field: string): Record<string, unknown> {
  if (!isObject(value)) invalid(TRIVY, field, 'must be an object');
  return value;
}

/** Distinct non-empty URLs from strings and string arrays, or undefined. */
export function references(...values: unknown[]): string[] | undefined {
  const urls = new Set<string>();
  for (const value of values) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const url = str(v);
      if (url) urls.add(url);
    }
  }
  return urls.size ? [...urls] : undefined;
}

/** The location without its undefined parts, or undefined when nothing is left. */
export function location(parts: NonNullable<ParsedFinding['location']>) {
  const defined = Object.entries(parts).filter(([, v]) => v !== undefined);
  return defined.length ? Object.fromEntries(defined) : undefined;
}

/** The scanned image, when the result belongs to one. */
export function imageOf(ctx: Context, osPackages: boolean): string | undefined {
  if (ctx.artifactType === 'container_image') return ctx.artifactName;
  // Legacy and k8s reports name the image only in the target: `alpine:3.10 (alpine 3.10.2)`.
  if (osPackages && !ctx.artifactType)
    return ctx.rawTarget.replace(/ \([^()]*\)$/, '');
  return undefined;
}
