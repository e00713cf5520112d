import {
  FindingCategory,
  FindingSeverity,
  ParsedFinding,
} from '@slipway/plugin-delivery-node';
import {
  hashFingerprint,
  invalid,
  isObject,
  severityFromScore,
  severityFromWord,
  str,
} from '../common';

/** The name used in error messages: `Invalid Grype report: ...`. */
export const GRYPE = 'Grype';

/** What the report scanned. */
export interface GrypeScope {
  target: string;
  /** The image, when the source is one. */
  image?: string;
}

function score(value: unknown): number | undefined {
  return isObject(value) && typeof value.baseScore === 'number'
    ? value.baseScore
    : undefined;
}

/**
 * Title-case `severity` (Negligible → info). `Unknown` (or absent) falls back to the highest
 * `cvss[].metrics.baseScore`, then grype 0.7's `cvssV3`/`cvssV2` base score, else `info`.
 */
export function grypeSeverity(v: Record<string, unknown>): FindingSeverity {
  const word = severityFromWord(v.severity);
  if (word) return word;
  const scores = (Array.isArray(v.cvss) ? v.cvss : [])
    .map(c => (isObject(c) ? score(c.metrics) : undefined))
    .filter((s): s is number => s !== undefined);
  const best = scores.length
    ? Math.max(...scores)
    : score(v.cvssV3) ?? score(v.cvssV2);
  return severityFromScore(best) ?? 'info';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => !!str(s)) : [];
}

function fixedVersion(v: Record<string, unknown>): string | undefined {
  if (isObject(v.fix)) {
    return v.fix.state === 'fixed' ? strings(v.fix.versions)[0] : undefined;
  }
  return str(v.fixedInVersion); // grype 0.7
}

function suppressionOf(rules: unknown): ParsedFinding['suppression'] {
  const rule = Array.isArray(rules) && isObject(rules[0]) ? rules[0] : {};
  const vex = str(rule['vex-status']);
  const justification =
    str(rule.reason) ??
    str(rule['vex-justification']) ??
    (vex ? `VEX ${vex}` : 'Grype ignore rule');
  return { kind: 'external', justification };
}

/**
 * One entry of `matches` (or of `ignoredMatches`, which is kept as suppressed in the report).
 *
 * Category: 'container' for OS packages (no `artifact.language`) of an image, 'dependency'
 * otherwise, as for Trivy. Fingerprint: (category, vulnerability id, package, version, target,
 * first location path).
 */
export function readMatch(
  value: unknown,
  field: string,
  scope: GrypeScope,
  ignored: boolean,
): ParsedFinding {
  if (!isObject(value)) invalid(GRYPE, field, 'must be an object');
  const v = value.vulnerability;
  if (!isObject(v)) invalid(GRYPE, `${field}.vulnerability`, 'is missing');
  const id =
    str(v.id) ?? invalid(GRYPE, `${field}.vulnerability.id`, 'is missing');
  const artifact = value.artifact;
  if (!isObject(artifact)) invalid(GRYPE, `${field}.artifact`, 'is missing');
  const name =
    str(artifact.name) ??
    invalid(GRYPE, `${field}.artifact.name`, 'is missing');
  const version = str(artifact.version);
  const first =
    Array.isArray(artifact.locations) && isObject(artifact.locations[0])
      ? artifact.locations[0]
      : {};
  const path = str(first.path);
  const category: FindingCategory =
    scope.image && !str(artifact.language) ? 'container' : 'dependency';
  const related = Array.isArray(value.relatedVulnerabilities)
    ? value.relatedVulnerabilities.filter(isObject)
    : [];
  const aliases = [
    ...new Set(
      related
        .map(r => str(r.id))
        .filter((a): a is string => a !== undefined && a !== id),
    ),
  ];
  const references = [
    ...new Set([
      ...strings(v.urls),
      ...strings(v.links),
      ...strings([v.dataSource]),
    ]),
  ];
  const location = Object.fromEntries(
    Object.entries({
      path,
      image: scope.image,
      layer: str(first.layerID),
    }).filter(([, x]) => x !== undefined),
  );
  return {
    fingerprint: hashFingerprint(
      category,
      id,
      name,
      version,
      scope.target,
      path,
    ),
    category,
    severity: grypeSeverity(v),
    ruleId: id,
    ...(aliases.length ? { aliases } : {}),
    title: id,
    description:
      str(v.description) ?? related.map(r => str(r.description)).find(Boolean),
    package: name,
    installedVersion: version,
    fixedVersion: fixedVersion(v),
    ...(Object.keys(location).length ? { location } : {}),
    target: scope.target,
    ...(references.length ? { references } : {}),
    ...(ignored
      ? { suppression: suppressionOf(value.appliedIgnoreRules) }
      : {}),
  };
}
