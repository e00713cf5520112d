import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint, invalid, isObject, str } from '../common';
import { ghsaIn, NPM_FORMAT, npmSeverity } from './shared';

/** `patched_versions` as a version only when it is a plain `>=x.y.z` (not `<0.0.0`, not a union). */
function plainFix(patched: unknown): string | undefined {
  if (typeof patched !== 'string') return undefined;
  const match = /^>=\s*v?(\d+\.\d+\.\d+(?:[-+][\w.-]+)?)$/.exec(patched.trim());
  return match?.[1];
}

/** URLs from the markdown list npm 6 puts in `references` (`- https://...` lines). */
function referenceUrls(references: unknown): string[] {
  if (typeof references !== 'string') return [];
  return references
    .split('\n')
    .map(line => line.replace(/^\s*-\s*/, '').trim())
    .filter(line => /^https?:\/\//.test(line));
}

function cveList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    return invalid(NPM_FORMAT, field, 'must be an array of strings');
  }
  return value as string[];
}

function advisoryFindings(
  key: string,
  adv: Record<string, unknown>,
  field: string,
  target: string,
): ParsedFinding[] {
  const pkg =
    str(adv.module_name) ??
    invalid(NPM_FORMAT, `${field}.module_name`, 'must be a non-empty string');
  const severity = npmSeverity(adv.severity, `${field}.severity`);
  if (!Array.isArray(adv.findings)) {
    return invalid(NPM_FORMAT, `${field}.findings`, 'must be an array');
  }
  const cves = cveList(adv.cves, `${field}.cves`);
  const url = str(adv.url);
  const ghsa = ghsaIn(adv.github_advisory_id) ?? ghsaIn(url);
  const id = typeof adv.id === 'number' ? String(adv.id) : str(adv.id) ?? key;
  const ruleId = ghsa ?? cves[0] ?? `npm-${id}`;
  const aliases = [...new Set([...(ghsa ? [ghsa] : []), ...cves])].filter(
    a => a !== ruleId,
  );
  const references = [
    ...new Set([...(url ? [url] : []), ...referenceUrls(adv.references)]),
  ];
  return adv.findings.map((found, k): ParsedFinding => {
    const ff = `${field}.findings[${k}]`;
    if (!isObject(found)) return invalid(NPM_FORMAT, ff, 'must be an object');
    const version =
      str(found.version) ??
      invalid(NPM_FORMAT, `${ff}.version`, 'must be a non-empty string');
    return {
      fingerprint: hashFingerprint('dependency', ruleId, pkg, version, target),
      category: 'dependency',
      severity,
      ruleId,
      aliases: aliases.length > 0 ? aliases : undefined,
      title: str(adv.title) ?? ruleId,
      description: str(adv.overview),
      package: pkg,
      installedVersion: version,
      fixedVersion: plainFix(adv.patched_versions),
      target,
      references: references.length > 0 ? references : undefined,
    };
  });
}

/**
 * npm 6 legacy report (`advisories` keyed by id, `actions[]`, `muted`): one finding per
 * advisory and installed version (`advisories[id].findings[].version`).
 */
export function parseV6(
  doc: Record<string, unknown>,
  target: string,
): ParsedFinding[] {
  const advisories = doc.advisories;
  if (!isObject(advisories)) {
    return invalid(NPM_FORMAT, 'advisories', 'must be an object');
  }
  return Object.entries(advisories).flatMap(([key, adv]) => {
    const field = `advisories[${JSON.stringify(key)}]`;
    if (!isObject(adv)) return invalid(NPM_FORMAT, field, 'must be an object');
    return advisoryFindings(key, adv, field, target);
  });
}
