import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint, invalid, isObject, str } from '../common';
import {
  Context,
  entry,
  imageOf,
  list,
  location,
  num,
  references,
  TRIVY,
} from './context';
import { trivySeverity } from './severity';

/**
 * Failed checks only (`PASS` is skipped; `EXCEPTION` is kept as suppressed in the report).
 * Fingerprint: (category, ID, target, CauseMetadata.Resource, occurrence), where occurrence
 * numbers repeats of the same check on the same resource in StartLine order. Line numbers
 * themselves are left out so an edit above the finding does not re-key it.
 */
export function misconfigurations(ctx: Context): ParsedFinding[] {
  const failed = list(ctx, 'Misconfigurations')
    .map((value, i) => ({
      m: entry(value, `${ctx.field}.Misconfigurations[${i}]`),
      i,
    }))
    .filter(({ m }) => m.Status !== 'PASS')
    .map(({ m, i }) => {
      const cause = isObject(m.CauseMetadata) ? m.CauseMetadata : {};
      const ruleId =
        str(m.ID) ??
        str(m.AVDID) ??
        invalid(TRIVY, `${ctx.field}.Misconfigurations[${i}].ID`, 'is missing');
      return {
        m,
        i,
        cause,
        ruleId,
        resource: str(cause.Resource),
        line: num(cause.StartLine),
      };
    });
  const seen = new Map<string, number>();
  const occurrence = new Map<number, number>();
  [...failed]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.i - b.i)
    .forEach(f => {
      const key = `${f.ruleId}\u0000${f.resource ?? ''}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      occurrence.set(f.i, n);
    });
  return failed.map(({ m, i, cause, ruleId, resource, line }) => {
    const avdId = str(m.AVDID);
    const aliases = avdId && avdId !== ruleId ? [avdId] : undefined;
    const message = str(m.Message);
    const description = str(m.Description);
    return {
      fingerprint: hashFingerprint(
        'misconfiguration',
        ruleId,
        ctx.target,
        resource,
        occurrence.get(i),
      ),
      category: 'misconfiguration' as const,
      severity: trivySeverity(m),
      ruleId,
      ...(aliases ? { aliases } : {}),
      title: str(m.Title) ?? ruleId,
      description:
        message && description
          ? `${message}\n\n${description}`
          : message ?? description,
      location: location({
        path: ctx.rawTarget,
        startLine: line,
        endLine: num(cause.EndLine),
      }),
      target: ctx.target,
      references: references(m.PrimaryURL, m.References),
      ...(m.Status === 'EXCEPTION'
        ? {
            suppression: {
              kind: 'external',
              justification: 'Trivy policy exception',
            },
          }
        : {}),
    };
  });
}

/** Never reads `Match` or `Code`: they hold (masked) secret text. */
export function secrets(ctx: Context): ParsedFinding[] {
  const image = imageOf(ctx, false);
  return list(ctx, 'Secrets').map((value, i) => {
    const field = `${ctx.field}.Secrets[${i}]`;
    const s = entry(value, field);
    const ruleId =
      str(s.RuleID) ?? invalid(TRIVY, `${field}.RuleID`, 'is missing');
    const startLine = num(s.StartLine);
    const layer = isObject(s.Layer) ? str(s.Layer.DiffID) : undefined;
    return {
      fingerprint: hashFingerprint('secret', ruleId, ctx.target, startLine),
      category: 'secret' as const,
      severity: trivySeverity(s),
      ruleId,
      title: str(s.Title) ?? ruleId,
      location: location({
        path: ctx.rawTarget,
        startLine,
        endLine: num(s.EndLine),
        image,
        layer,
      }),
      target: ctx.target,
    };
  });
}

/** License findings of packages (`PkgName`) and loose files (`FilePath`). */
export function licenses(ctx: Context): ParsedFinding[] {
  return list(ctx, 'Licenses').map((value, i) => {
    const field = `${ctx.field}.Licenses[${i}]`;
    const l = entry(value, field);
    const name = str(l.Name) ?? invalid(TRIVY, `${field}.Name`, 'is missing');
    const pkg = str(l.PkgName);
    const file = str(l.FilePath);
    const where = pkg ?? file;
    return {
      fingerprint: hashFingerprint('license', name, pkg, ctx.target, file),
      category: 'license' as const,
      severity: trivySeverity(l),
      ruleId: name,
      title: where ? `License ${name} in ${where}` : `License ${name}`,
      description: str(l.Category)
        ? `License category: ${l.Category}`
        : undefined,
      package: pkg,
      location: location({ path: file }),
      target: ctx.target,
      references: references(l.Link),
    };
  });
}
