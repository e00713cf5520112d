import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint, invalid, isObject, str } from '../common';
import { ResultLocation, resultLocation, runTarget } from './locations';
import {
  aliasesOf,
  categoryOf,
  findRule,
  messageText,
  packageOf,
  ruleTable,
  severityOf,
} from './rules';
import {
  SarifInvocation,
  SarifResult,
  SarifRun,
  SarifSuppression,
} from './sarifTypes';

const FORMAT = 'SARIF';
/** Result kinds that say "no problem here" (SARIF 3.27.9): not findings. */
const NOT_PROBLEMS = new Set(['pass', 'notApplicable', 'informational']);
const MAX_REASON = 300;

/** One run, read. */
export interface ParsedRun {
  tool: string;
  toolVersion?: string;
  target: string;
  findings: ParsedFinding[];
  incompleteReason?: string;
}

/** The tool's own fingerprint: `primaryLocationLineHash`, else every entry, sorted. */
function toolFingerprint(result: SarifResult): string | undefined {
  for (const bag of [result.partialFingerprints, result.fingerprints]) {
    if (!isObject(bag)) continue;
    const primary = str(bag.primaryLocationLineHash);
    if (primary) return `primaryLocationLineHash=${primary}`;
    const entries = Object.keys(bag)
      .filter(key => str(bag[key]))
      .sort()
      .map(key => `${key}=${bag[key]}`);
    if (entries.length > 0) return entries.join('\n');
  }
  return undefined;
}

/**
 * The finding's fingerprint. With the tool's own fingerprint: hash of (rule, path, tool
 * fingerprint, target); the path is needed because CodeQL's `primaryLocationLineHash` hashes
 * only the line's text (the same line in good/x.py and bad/x.py has the same hash).
 * Without one: hash of (category, rule, package@version or path + snippet-or-line, target).
 * The path is the uri as written (not resolved against a CI workspace root); message text
 * never takes part.
 */
export function fingerprintOf(
  result: SarifResult,
  parts: { category: string; ruleId: string; target: string; pkg?: string },
  location: ResultLocation,
): string {
  const path = location.stablePath ?? location.path;
  const own = toolFingerprint(result);
  if (own)
    return hashFingerprint('sarif', parts.ruleId, path, own, parts.target);
  const where = parts.pkg ? undefined : location.snippet ?? location.startLine;
  return hashFingerprint(
    parts.category,
    parts.ruleId,
    parts.pkg,
    path,
    where,
    parts.target,
  );
}

/** An accepted suppression: `status` absent or `accepted` (not `underReview`/`rejected`). */
function suppressionOf(result: SarifResult): ParsedFinding['suppression'] {
  const list: unknown[] = Array.isArray(result.suppressions)
    ? result.suppressions
    : [];
  const accepted = list.find(
    (s): s is SarifSuppression =>
      isObject(s) &&
      (s.status === undefined || s.status === null || s.status === 'accepted'),
  );
  if (!accepted) return undefined;
  const justification = str(accepted.justification);
  return {
    kind: str(accepted.kind) ?? 'unspecified',
    ...(justification ? { justification } : {}),
  };
}

/** Why a run that did not complete failed: the first error-level notification. */
function failure(invocations: unknown): string | undefined {
  const list: unknown[] = Array.isArray(invocations) ? invocations : [];
  const failed = list.find(
    (i): i is SarifInvocation => isObject(i) && i.executionSuccessful === false,
  );
  if (!failed) return undefined;
  for (const key of [
    'toolExecutionNotifications',
    'toolConfigurationNotifications',
  ] as const) {
    const notes: unknown[] = Array.isArray(failed[key]) ? failed[key] : [];
    for (const note of notes) {
      const text =
        isObject(note) && note.level === 'error'
          ? messageText(note.message)
          : undefined;
      if (text)
        return text.length > MAX_REASON
          ? `${text.slice(0, MAX_REASON)}…`
          : text;
    }
  }
  return typeof failed.exitCode === 'number'
    ? `executionSuccessful is false (exit code ${failed.exitCode})`
    : 'executionSuccessful is false';
}

function firstLine(text: string | undefined): string | undefined {
  return text?.trim().split('\n')[0].trim() || undefined;
}

function oneLine(text: string | undefined): string | undefined {
  return text?.trim().replace(/\s+/g, ' ') || undefined;
}

/** Reads `runs[index]`. Throws InputError for a run with no tool name or a malformed result. */
export function parseRun(
  value: unknown,
  index: number,
  defaultTarget?: string,
): ParsedRun {
  const field = `runs[${index}]`;
  if (!isObject(value)) invalid(FORMAT, field, 'must be an object');
  const run = value as SarifRun;
  const tool = isObject(run.tool) ? run.tool : {};
  // SARIF 2.0.0 pre-releases put name/version on `tool`; 2.1.0 on `tool.driver`
  const driver = isObject(tool.driver) ? tool.driver : tool;
  const name = str(driver.name);
  if (!name) invalid(FORMAT, `${field}.tool.driver.name`, 'is required');
  const toolVersion = str(driver.version) ?? str(driver.semanticVersion);
  const target = runTarget(run, name, defaultTarget);
  const failed = failure(run.invocations);
  let incompleteReason = failed
    ? `run ${index} (${name}) did not complete: ${failed}`
    : undefined;
  if (run.results === undefined || run.results === null) {
    incompleteReason ??= `run ${index} (${name}) has no results: the scan did not compute them`;
    return { tool: name, toolVersion, target, findings: [], incompleteReason };
  }
  if (!Array.isArray(run.results))
    invalid(FORMAT, `${field}.results`, 'must be an array');

  const rules = ruleTable(driver.rules);
  const findings: ParsedFinding[] = [];
  run.results.forEach((item: unknown, i: number) => {
    if (!isObject(item))
      invalid(FORMAT, `${field}.results[${i}]`, 'must be an object');
    const result = item as SarifResult;
    if (typeof result.kind === 'string' && NOT_PROBLEMS.has(result.kind))
      return;
    const rule = findRule(result, rules);
    const ruleId =
      str(result.ruleId) ?? str(result.rule?.id) ?? str(rule?.id) ?? 'unknown';
    const pkg = packageOf(result);
    const category = categoryOf(
      name,
      ruleId,
      result,
      rule,
      pkg.package !== undefined,
    );
    const location = resultLocation(run, result);
    const message = messageText(result.message, rule);
    const version = pkg.installedVersion ? `@${pkg.installedVersion}` : '';
    const image =
      category === 'container' ? str(run.properties?.imageName) : undefined;
    const helpUri = str(rule?.helpUri);
    const finding: ParsedFinding = {
      fingerprint: fingerprintOf(
        result,
        {
          category,
          ruleId,
          target,
          pkg: pkg.package && `${pkg.package}${version}`,
        },
        location,
      ),
      category,
      severity: severityOf(result, rule),
      ruleId,
      aliases: aliasesOf(ruleId, result, rule),
      title:
        oneLine(str(rule?.shortDescription?.text)) ??
        firstLine(message) ??
        str(rule?.name) ??
        ruleId,
      description: str(rule?.fullDescription?.text) ?? str(rule?.help?.text),
      ...pkg,
      target,
      references: helpUri ? [helpUri] : undefined,
      suppression: suppressionOf(result),
    };
    const { path, startLine, endLine } = location;
    if (path || startLine || image)
      finding.location = { path, startLine, endLine, image };
    findings.push(finding);
  });
  return { tool: name, toolVersion, target, findings, incompleteReason };
}
