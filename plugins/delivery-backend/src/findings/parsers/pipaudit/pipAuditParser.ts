import {
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import {
  hashFingerprint,
  invalid,
  isObject,
  severityFromWord,
  str,
} from '../common';

const FORMAT = 'pip-audit';

/** Target when the upload names none: pip-audit reads a requirements file by default. */
export const PIP_AUDIT_DEFAULT_TARGET = 'requirements.txt';

/** An entry that only pip-audit writes: a dependency with `vulns` or a `skip_reason`. */
function looksLikeDependency(entry: unknown): boolean {
  return isObject(entry) && ('vulns' in entry || 'skip_reason' in entry);
}

/**
 * Compares dotted versions by their numeric parts (`3.2.10` \> `3.2.9`, `20.3.0rc1` ~ `20.3.0`).
 * Good enough to pick a fix version; not a PEP 440 implementation.
 */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('.').map(p => parseInt(p, 10) || 0);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The lowest fix version above the installed one (pip-audit lists fixes of every branch). */
function pickFix(fixes: string[], installed: string): string | undefined {
  const above = fixes.filter(f => compareVersions(f, installed) > 0);
  const sorted = [...above].sort(compareVersions);
  return sorted[0] ?? fixes[0];
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    return invalid(FORMAT, field, 'must be an array of strings');
  }
  return value as string[];
}

function parseDependency(
  dep: unknown,
  field: string,
  target: string,
): ParsedFinding[] {
  if (!isObject(dep)) return invalid(FORMAT, field, 'must be an object');
  const name =
    str(dep.name) ??
    invalid(FORMAT, `${field}.name`, 'must be a non-empty string');
  // pip-audit could not audit it (not on PyPI, editable install, ...): no vulns to report
  if (dep.vulns === undefined && str(dep.skip_reason)) return [];
  const version =
    str(dep.version) ??
    invalid(FORMAT, `${field}.version`, 'must be a non-empty string');
  if (!Array.isArray(dep.vulns)) {
    return invalid(FORMAT, `${field}.vulns`, 'must be an array');
  }
  return dep.vulns.map((vuln, j): ParsedFinding => {
    const vf = `${field}.vulns[${j}]`;
    if (!isObject(vuln)) return invalid(FORMAT, vf, 'must be an object');
    const id =
      str(vuln.id) ?? invalid(FORMAT, `${vf}.id`, 'must be a non-empty string');
    const fixes = stringList(vuln.fix_versions, `${vf}.fix_versions`);
    const aliases = stringList(vuln.aliases, `${vf}.aliases`).filter(
      a => a !== id,
    );
    return {
      fingerprint: hashFingerprint('dependency', id, name, version, target),
      category: 'dependency',
      // pip-audit reports no severity; a future field is honoured when present
      severity: severityFromWord(vuln.severity) ?? 'medium',
      ruleId: id,
      aliases: aliases.length > 0 ? aliases : undefined,
      title: `${id} in ${name} ${version}`,
      description: str(vuln.description),
      package: name,
      installedVersion: version,
      fixedVersion: pickFix(fixes, version),
      target,
      references: [`https://osv.dev/vulnerability/${encodeURIComponent(id)}`],
    };
  });
}

/**
 * pip-audit JSON (`pip-audit -f json`), both shapes:
 *
 * - old: a top-level array `[{name, version, vulns: [...]}]`;
 * - current: `{dependencies: [...], fixes: [...]}`.
 *
 * Decisions:
 * - A bare empty array `[]` is claimed as a clean pip-audit scan: pip-audit is the only
 *   supported format whose clean output is `[]`. A non-empty array is claimed only when an
 *   entry has a `vulns` or `skip_reason` key, so other tools' arrays (pre-0.20 Trivy, ESLint,
 *   Gitleaks) are not.
 * - pip-audit has no severity: every finding is `medium` unless the entry carries a `severity`.
 * - `fixedVersion` is the lowest of `fix_versions` above the installed version (pip-audit lists
 *   the fix of every release line, e.g. django 3.2.9 → 3.2.10 rather than 2.2.25), else the first.
 * - Dependencies with a `skip_reason` (not audited) give no finding.
 * - Target: the upload's `defaultTarget`, else `requirements.txt`.
 *
 * @public
 */
export const pipAuditParser: FindingParser = {
  format: FORMAT,
  canParse(document: unknown): boolean {
    if (Array.isArray(document)) {
      return document.length === 0 || document.some(looksLikeDependency);
    }
    if (!isObject(document) || 'bomFormat' in document) return false;
    const deps = document.dependencies;
    return (
      Array.isArray(deps) &&
      (deps.some(looksLikeDependency) ||
        (deps.length === 0 &&
          Object.keys(document).every(
            k => k === 'dependencies' || k === 'fixes',
          )))
    );
  },
  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport {
    const target = options.defaultTarget ?? PIP_AUDIT_DEFAULT_TARGET;
    let deps: unknown[];
    let prefix: string;
    if (Array.isArray(document)) {
      deps = document;
      prefix = '';
    } else if (isObject(document) && Array.isArray(document.dependencies)) {
      deps = document.dependencies;
      prefix = 'dependencies';
    } else {
      return invalid(FORMAT, 'dependencies', 'must be an array');
    }
    return {
      format: Array.isArray(document) ? 'pip-audit-legacy' : 'pip-audit',
      tool: 'pip-audit',
      complete: true,
      targets: [target],
      findings: deps.flatMap((dep, i) =>
        parseDependency(dep, `${prefix}[${i}]`, target),
      ),
    };
  },
};
