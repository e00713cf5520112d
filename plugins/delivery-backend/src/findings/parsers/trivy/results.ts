import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { invalid, str } from '../common';
import { licenses, misconfigurations, secrets } from './checks';
import { Context, entry, ResultScope, TRIVY } from './context';
import { vulnerabilities } from './vulnerabilities';

/** Reads one `Results[]` entry: its target and every finding in it. */
export function readResult(
  value: unknown,
  scope: ResultScope,
): { target: string; findings: ParsedFinding[] } {
  const result = entry(value, scope.field);
  const rawTarget =
    str(result.Target) ?? invalid(TRIVY, `${scope.field}.Target`, 'is missing');
  const target = scope.targetPrefix
    ? `${scope.targetPrefix}: ${rawTarget}`
    : rawTarget;
  const ctx: Context = { ...scope, result, rawTarget, target };
  return {
    target,
    findings: [
      ...vulnerabilities(ctx),
      ...misconfigurations(ctx),
      ...secrets(ctx),
      ...licenses(ctx),
    ],
  };
}
