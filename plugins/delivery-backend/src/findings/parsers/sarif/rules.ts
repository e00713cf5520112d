import {
  FindingCategory,
  FindingSeverity,
} from '@slipway/plugin-delivery-node';
import { isObject, severityFromScore, str } from '../common';
import { SarifResult, SarifRule } from './sarifTypes';

/** A run's rules, by position and by id (O(1) lookups for big reports). */
export interface RuleTable {
  list: unknown[];
  byId: Map<string, SarifRule>;
}

/** Indexes `tool.driver.rules`. */
export function ruleTable(rules: unknown): RuleTable {
  const list = Array.isArray(rules) ? rules : [];
  const byId = new Map<string, SarifRule>();
  for (const rule of list) {
    const id = isObject(rule) ? str(rule.id) : undefined;
    if (id && !byId.has(id)) byId.set(id, rule as SarifRule);
  }
  return { list, byId };
}

/** The text of a message: `text`, or the rule's `messageStrings[id]` with `{n}` filled in. */
export function messageText(
  message: unknown,
  rule?: SarifRule,
): string | undefined {
  if (!isObject(message)) return undefined;
  const text = str(message.text);
  if (text) return text;
  const id = str(message.id);
  const strings = rule?.messageStrings;
  const template =
    id && isObject(strings) && Object.hasOwn(strings, id)
      ? strings[id]
      : undefined;
  const args = Array.isArray(message.arguments) ? message.arguments : [];
  return str(isObject(template) ? template.text : undefined)?.replace(
    /\{(\d+)\}/g,
    (whole, n: string) => (n in args ? String(args[Number(n)]) : whole),
  );
}

/**
 * The rule a result refers to: `ruleIndex` / `rule.index`, else `ruleId` / `rule.id` (a
 * hierarchical id like `CA2101/1` falls back to `CA2101`). Results with no reference at all
 * (gitleaks 7 writes none) match the rule whose id starts their message
 * ("AWS Access Key secret detected" → rule `AWS Access Key`).
 */
export function findRule(
  result: SarifResult,
  rules: RuleTable,
): SarifRule | undefined {
  const ref = isObject(result.rule) ? result.rule : {};
  const index =
    typeof result.ruleIndex === 'number' ? result.ruleIndex : ref.index;
  const atIndex = typeof index === 'number' ? rules.list[index] : undefined;
  if (isObject(atIndex)) return atIndex as SarifRule;
  const id = str(result.ruleId) ?? str(ref.id);
  if (id) return rules.byId.get(id) ?? rules.byId.get(id.split('/')[0]);
  const text = isObject(result.message) ? str(result.message.text) : undefined;
  if (!text) return undefined;
  let best: SarifRule | undefined;
  for (const [ruleId, rule] of rules.byId) {
    if (
      text.startsWith(`${ruleId} `) &&
      ruleId.length > (best?.id?.length ?? 0)
    )
      best = rule;
  }
  return best;
}

const LEVELS = new Map<string, FindingSeverity>([
  ['error', 'high'],
  ['warning', 'medium'],
  ['note', 'low'],
  ['none', 'info'],
]);

function level(value: unknown): FindingSeverity | undefined {
  return typeof value === 'string' ? LEVELS.get(value) : undefined;
}

/**
 * Severity of a result. FINDINGS.md lists the sources "SARIF `level`, then the rule's default
 * level, then `security-severity`". We read it as successive refinements: `result.level` is the
 * base, the rule's `defaultConfiguration.level` stands in when the result has none, and the
 * rule's numeric `properties["security-severity"]` (CodeQL, Trivy: a CVSS-like score written
 * for security rules), when present, decides over both. Read as a plain fallback chain it would
 * never apply (a SARIF level always defaults to `warning`) and no SARIF finding could be
 * `critical`, while the gate's first example fails on criticals. Without any of the three,
 * SARIF's own default: `warning`, or `none` when `kind` is not `fail`.
 */
export function severityOf(
  result: SarifResult,
  rule?: SarifRule,
): FindingSeverity {
  const score = isObject(rule?.properties)
    ? rule?.properties['security-severity']
    : undefined;
  const scored =
    typeof score === 'number' || str(score)
      ? severityFromScore(score)
      : undefined;
  if (scored) return scored;
  const defaults = isObject(rule?.defaultConfiguration)
    ? rule?.defaultConfiguration
    : {};
  const written = level(result.level) ?? level(defaults?.level);
  if (written) return written;
  return result.kind === undefined || result.kind === 'fail'
    ? 'medium'
    : 'info';
}

/** Trivy names its rules by result class. */
const TRIVY_RULE_NAMES = new Map<string, FindingCategory>([
  ['OsPackageVulnerability', 'container'],
  ['LanguageSpecificPackageVulnerability', 'dependency'],
  ['Misconfiguration', 'misconfiguration'],
  ['Secret', 'secret'],
  ['License', 'license'],
]);
const SECRET_TOOLS = /gitleaks|trufflehog|detect-secrets|secret/i;
const IAC_TOOLS = /checkov|tfsec|kics|terrascan/i;
const SCA_TOOLS = /dependency-check|snyk|osv-scanner|grype|retire/i;
/** A vulnerability id: CVE-2021-44228, GHSA-jfh8-c2jp-5v3q. */
export const VULNERABILITY_ID = /^(CVE-\d{4}-\d{4,}|GHSA(-[0-9a-z]{4}){3})$/i;

function tags(...bags: Array<Record<string, unknown> | undefined>): string[] {
  return bags.flatMap(bag => {
    const list = isObject(bag) && Array.isArray(bag.tags) ? bag.tags : [];
    return list
      .filter((t): t is string => typeof t === 'string')
      .map(t => t.toLowerCase());
  });
}

/**
 * Category, first match wins: Trivy's rule name (OsPackageVulnerability → container, …);
 * secret for secret scanners (tool name), rule ids or tags mentioning "secret";
 * misconfiguration for IaC scanners or a `misconfiguration` tag; dependency for SCA tools
 * (dependency-check, …) or a CVE/GHSA rule id on a result that names a package; else code.
 */
export function categoryOf(
  tool: string,
  ruleId: string,
  result: SarifResult,
  rule: SarifRule | undefined,
  hasPackage: boolean,
): FindingCategory {
  const byName = TRIVY_RULE_NAMES.get(str(rule?.name) ?? '');
  if (byName) return byName;
  const ruleTags = tags(rule?.properties, result.properties);
  if (
    SECRET_TOOLS.test(tool) ||
    /secret/i.test(ruleId) ||
    ruleTags.some(t => t.includes('secret'))
  ) {
    return 'secret';
  }
  if (IAC_TOOLS.test(tool) || ruleTags.includes('misconfiguration'))
    return 'misconfiguration';
  if (SCA_TOOLS.test(tool) || (hasPackage && VULNERABILITY_ID.test(ruleId)))
    return 'dependency';
  return 'code';
}

const TRIVY_LINES = {
  package: /^Package: *(\S.*)$/m,
  installedVersion: /^Installed Version: *(\S.*)$/m,
  fixedVersion: /^Fixed Version: *(\S.*)$/m,
};

/**
 * Package facts where they are reliably present: `PkgName` / `InstalledVersion` /
 * `FixedVersion` properties, or Trivy's message lines ("Package: …\nInstalled Version: …"),
 * read only from messages that have both of the first two lines. Never from the rule's help:
 * Trivy writes one rule per CVE, naming the first affected package only.
 */
export function packageOf(result: SarifResult) {
  const props = isObject(result.properties) ? result.properties : {};
  const text = isObject(result.message) ? str(result.message.text) ?? '' : '';
  const trivy =
    TRIVY_LINES.package.test(text) && TRIVY_LINES.installedVersion.test(text);
  const line = (pattern: RegExp) =>
    trivy ? pattern.exec(text)?.[1].trim() : undefined;
  return {
    package: str(props.PkgName) ?? line(TRIVY_LINES.package),
    installedVersion:
      str(props.InstalledVersion) ?? line(TRIVY_LINES.installedVersion),
    fixedVersion: str(props.FixedVersion) ?? line(TRIVY_LINES.fixedVersion),
  };
}

/** Other ids of a vulnerability: `aliases` in the result's or the rule's properties. */
export function aliasesOf(
  ruleId: string,
  result: SarifResult,
  rule?: SarifRule,
) {
  if (!VULNERABILITY_ID.test(ruleId)) return undefined;
  const found = new Set<string>();
  for (const bag of [result.properties, rule?.properties]) {
    const list = isObject(bag) && Array.isArray(bag.aliases) ? bag.aliases : [];
    for (const alias of list)
      if (str(alias) && alias !== ruleId) found.add(alias);
  }
  return found.size > 0 ? [...found] : undefined;
}
