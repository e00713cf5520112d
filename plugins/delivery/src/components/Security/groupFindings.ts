import {
  FINDING_SEVERITIES,
  Finding,
  FindingSeverity,
} from '@slipway/plugin-delivery-common';
import { formatLocation, formatVersions } from './findingFormat';

/**
 * How the Security tab lists findings: one row each, or one row per vulnerability (rule) or
 * per package.
 *
 * @public
 */
export type FindingGrouping = 'finding' | 'vulnerability' | 'package';

/**
 * Findings of one rule (CVE, GHSA, SAST rule, …).
 *
 * @public
 */
export interface VulnerabilityGroup {
  ruleId: string;
  /** The title of its most severe finding. */
  title: string;
  /** Every alias any of its findings carries. */
  aliases: string[];
  /** The worst severity of its findings. */
  severity: FindingSeverity;
  /** What it affects: `package version` for dependencies, else the location; distinct, sorted. */
  affected: string[];
  /** The scanned targets (lock files, images, …) it was found in; distinct, sorted. */
  targets: string[];
  findings: Finding[];
}

/**
 * Findings in one package.
 *
 * @public
 */
export interface PackageGroup {
  /** Undefined for the findings that are in no package (code, secrets, configuration). */
  package?: string;
  /** The worst severity of its findings. */
  severity: FindingSeverity;
  /** `installed → fixed` of its findings (see `formatVersions`); distinct, sorted. */
  versions: string[];
  /** Rules of its findings; distinct, sorted. */
  ruleIds: string[];
  findings: Finding[];
}

const rank = (severity: FindingSeverity) =>
  FINDING_SEVERITIES.indexOf(severity);

const distinct = (values: string[]) => [...new Set(values)].sort();

function worst(findings: Finding[]): Finding {
  return findings.reduce((a, b) =>
    rank(b.severity) < rank(a.severity) ? b : a,
  );
}

function affectedBy(finding: Finding): string {
  if (!finding.package) {
    return formatLocation(finding);
  }
  return finding.installedVersion
    ? `${finding.package} ${finding.installedVersion}`
    : finding.package;
}

/** Groups in insertion order of their first finding, keyed by `key`. */
function bucket(
  findings: Finding[],
  key: (finding: Finding) => string,
): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const k = key(finding);
    groups.set(k, [...(groups.get(k) ?? []), finding]);
  }
  return [...groups.values()];
}

/** Worst severity first, then the group with more findings, then by `name`. */
function compareGroups<G extends { severity: FindingSeverity }>(
  name: (group: G) => string,
  size: (group: G) => number,
) {
  return (a: G, b: G) =>
    rank(a.severity) - rank(b.severity) ||
    size(b) - size(a) ||
    name(a).localeCompare(name(b));
}

/**
 * The findings grouped by rule id, worst severity first, then the rules affecting the most
 * packages or locations.
 *
 * @public
 */
export function groupByVulnerability(
  findings: Finding[],
): VulnerabilityGroup[] {
  return bucket(findings, f => f.ruleId)
    .map(group => {
      const top = worst(group);
      return {
        ruleId: top.ruleId,
        title: top.title,
        aliases: distinct(group.flatMap(f => f.aliases ?? [])),
        severity: top.severity,
        affected: distinct(group.map(affectedBy)),
        targets: distinct(group.map(f => f.target).filter(Boolean)),
        findings: group,
      };
    })
    .sort(
      compareGroups(
        g => g.ruleId,
        g => g.affected.length,
      ),
    );
}

/**
 * The findings grouped by package name, worst severity first, then the packages with the
 * most findings; findings in no package come last, as one group.
 *
 * @public
 */
export function groupByPackage(findings: Finding[]): PackageGroup[] {
  const groups = bucket(findings, f => f.package ?? '').map(group => {
    const top = worst(group);
    return {
      package: group[0].package || undefined,
      severity: top.severity,
      versions: distinct(
        group.filter(f => f.package).map(f => formatVersions(f)),
      ).filter(v => v !== '—'),
      ruleIds: distinct(group.map(f => f.ruleId)),
      findings: group,
    };
  });
  const byName = compareGroups<PackageGroup>(
    g => g.package ?? '',
    g => g.findings.length,
  );
  return groups.sort(
    (a, b) => Number(!a.package) - Number(!b.package) || byName(a, b),
  );
}
