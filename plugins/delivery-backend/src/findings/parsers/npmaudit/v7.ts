import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint, invalid, isObject, str } from '../common';
import { ghsaIn, NPM_FORMAT, npmSeverity } from './shared';

/** `fixAvailable` names the version to install only when it is this package's own fix. */
function fixFor(fixAvailable: unknown, pkg: string): string | undefined {
  if (!isObject(fixAvailable) || fixAvailable.name !== pkg) return undefined;
  return str(fixAvailable.version);
}

function advisoryFinding(
  advisory: Record<string, unknown>,
  field: string,
  vuln: Record<string, unknown>,
  pkg: string,
  target: string,
): ParsedFinding {
  const source = advisory.source;
  if (typeof source !== 'number' && !str(source)) {
    return invalid(
      NPM_FORMAT,
      `${field}.source`,
      'must be a number or a string',
    );
  }
  const url = str(advisory.url);
  const ruleId = ghsaIn(url) ?? `npm-${String(source)}`;
  const range = str(advisory.range);
  const nodes = Array.isArray(vuln.nodes)
    ? vuln.nodes.filter((n): n is string => typeof n === 'string')
    : [];
  const description = [
    range && `Vulnerable versions: ${range}.`,
    nodes.length > 0 && `Installed at: ${nodes.join(', ')}.`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    // npm >= 7 does not report the installed version: package + advisory identify the finding
    fingerprint: hashFingerprint('dependency', ruleId, pkg, target),
    category: 'dependency',
    severity: npmSeverity(advisory.severity, `${field}.severity`),
    ruleId,
    title: str(advisory.title) ?? ruleId,
    description: description || undefined,
    package: pkg,
    fixedVersion: fixFor(vuln.fixAvailable, pkg),
    target,
    references: url ? [url] : undefined,
  };
}

/**
 * npm \>= 7 (`auditReportVersion: 2`): one finding per advisory object in a package's `via`.
 * Plain strings in `via` (the package is vulnerable through another package) give no finding
 * of their own: the advisory is reported on the package that has it.
 */
export function parseV7(
  doc: Record<string, unknown>,
  target: string,
): ParsedFinding[] {
  if (doc.auditReportVersion === undefined) {
    return invalid(
      NPM_FORMAT,
      'auditReportVersion',
      'is missing (expected 2, or an npm 6 report with `advisories`)',
    );
  }
  if (doc.auditReportVersion !== 2) {
    return invalid(
      NPM_FORMAT,
      'auditReportVersion',
      `${JSON.stringify(
        doc.auditReportVersion,
      )} is not supported (expected 2, npm 7 or later)`,
    );
  }
  const vulnerabilities = doc.vulnerabilities;
  if (!isObject(vulnerabilities)) {
    return invalid(NPM_FORMAT, 'vulnerabilities', 'must be an object');
  }
  const findings = new Map<string, ParsedFinding>();
  for (const [key, vuln] of Object.entries(vulnerabilities)) {
    const field = `vulnerabilities[${JSON.stringify(key)}]`;
    if (!isObject(vuln)) return invalid(NPM_FORMAT, field, 'must be an object');
    if (!Array.isArray(vuln.via)) {
      return invalid(NPM_FORMAT, `${field}.via`, 'must be an array');
    }
    for (const [j, via] of vuln.via.entries()) {
      const vf = `${field}.via[${j}]`;
      if (typeof via === 'string') continue;
      if (!isObject(via)) {
        return invalid(
          NPM_FORMAT,
          vf,
          'must be an advisory object or a package name',
        );
      }
      const pkg = str(via.name) ?? str(vuln.name) ?? key;
      // the entry of the package the advisory is about (npm puts it there; be safe if not)
      const owner = vulnerabilities[pkg];
      const entry = isObject(owner) ? owner : vuln;
      const finding = advisoryFinding(via, vf, entry, pkg, target);
      findings.set(finding.fingerprint, finding);
    }
  }
  return [...findings.values()];
}
