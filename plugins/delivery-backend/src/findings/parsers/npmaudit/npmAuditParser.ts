import { FindingParser, ParsedReport } from '@slipway/plugin-delivery-node';
import { invalid, isObject } from '../common';
import { NPM_AUDIT_DEFAULT_TARGET, NPM_FORMAT, NPM_TOOL } from './shared';
import { parseV6 } from './v6';
import { parseV7 } from './v7';

/** npm \>= 7: a numbered report version and a `vulnerabilities` map. */
function isV7(doc: Record<string, unknown>): boolean {
  return typeof doc.auditReportVersion === 'number' && 'vulnerabilities' in doc;
}

/** npm 6: an `advisories` map next to `actions[]` or `muted[]`. */
function isV6(doc: Record<string, unknown>): boolean {
  return (
    'advisories' in doc &&
    (Array.isArray(doc.actions) || Array.isArray(doc.muted))
  );
}

/**
 * `npm audit --json`, npm 7 and later (`auditReportVersion: 2`) and the npm 6 legacy report.
 *
 * Decisions:
 * - npm \>= 7: one finding per advisory object in `vulnerabilities[pkg].via`, on the package
 *   that has it. Packages whose `via` holds only package names (vulnerable through a
 *   dependency) give no finding of their own. npm 7 does not report the installed version, so
 *   `installedVersion` is empty and the fingerprint is (advisory, package, target); the
 *   vulnerable range and install paths go to `description`. `fixedVersion` comes from
 *   `fixAvailable` only when it names the same package (a fix through a parent is not a
 *   version of this package).
 * - npm 6: one finding per advisory and installed version (`findings[].version`);
 *   `fixedVersion` is `patched_versions` only when it is a plain `>=x.y.z`; aliases are the
 *   CVEs and the GHSA id. Switching a pipeline from npm 6 to npm 7 output changes fingerprints
 *   (the version drops out), so the findings are re-identified once.
 * - ruleId: the GHSA id (from `github_advisory_id` or the advisory URL), else the first CVE
 *   (npm 6), else `npm-<source id>`. CWEs are not vulnerability ids and are not aliases.
 * - Severity: `info`, `low`, `moderate` (medium), `high`, `critical`; other words are invalid.
 * - Target: the upload's `defaultTarget`, else `package-lock.json`.
 *
 * @public
 */
export const npmAuditParser: FindingParser = {
  format: 'npm-audit',
  canParse(document: unknown): boolean {
    return isObject(document) && (isV7(document) || isV6(document));
  },
  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport {
    if (!isObject(document)) {
      return invalid(NPM_FORMAT, 'document', 'must be a JSON object');
    }
    const target = options.defaultTarget ?? NPM_AUDIT_DEFAULT_TARGET;
    const v6 = !isV7(document) && isV6(document);
    return {
      format: v6 ? 'npm-audit-v6' : 'npm-audit-v7',
      tool: NPM_TOOL,
      complete: true,
      targets: [target],
      findings: v6 ? parseV6(document, target) : parseV7(document, target),
    };
  },
};
