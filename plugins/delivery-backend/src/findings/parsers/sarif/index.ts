import { InputError } from '@backstage/errors';
import { FindingParser, ParsedReport } from '@slipway/plugin-delivery-node';
import { invalid, isObject, str } from '../common';
import { uniqueFingerprints } from './dedupe';
import { parseRun } from './run';

const FORMAT = 'SARIF';

/** The tool name reported for `runs: []`, which names no tool. */
export const UNKNOWN_SARIF_TOOL = 'unknown';

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Reads SARIF 2.1.0 (also its rtm/beta pre-releases, and 2.0.0 documents that have the 2.1.0
 * shape or a `tool.name`). SARIF 1.x is rejected with a message that says how to convert it.
 *
 * Report-level decisions:
 * - `tool`: the distinct tool names of the runs, in order, joined with ', ' (a report with a
 *   Trivy run and a gitleaks run is "Trivy, gitleaks"); `toolVersion` only when there is one
 *   tool. `runs: []` names no tool: `tool` is {@link UNKNOWN_SARIF_TOOL} and `targets` holds
 *   only the upload's `defaultTarget`, if any. It is a valid, complete, clean report.
 * - `runs` missing, `null` or not an array: InputError "runs must be an array" (FINDINGS.md
 *   makes only `runs: []` a clean scan; `null` says nothing about what was scanned).
 * - `complete` is false when any run has no `results` (not computed) or an invocation with
 *   `executionSuccessful: false`; `incompleteReason` names each such run.
 * - `targets`: each run's target (see `runTarget`), so a clean run still names its scope.
 * - fingerprints are unique within the report (see `uniqueFingerprints`).
 *
 * @public
 */
export const sarifParser: FindingParser = {
  format: 'sarif',

  canParse(document: unknown): boolean {
    if (!isObject(document) || typeof document.version !== 'string')
      return false;
    if (!/^[12]\./.test(document.version)) return false;
    const schema = typeof document.$schema === 'string' ? document.$schema : '';
    return 'runs' in document || /sarif/i.test(schema);
  },

  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport {
    if (!isObject(document))
      invalid(FORMAT, 'document', 'must be a JSON object');
    const version = str(document.version);
    if (!version) invalid(FORMAT, 'version', 'is required');
    if (version.startsWith('1.')) {
      throw new InputError(
        `SARIF ${version} is not supported: convert it to SARIF 2.1.0 (e.g. with the SARIF Multitool)`,
      );
    }
    if (!version.startsWith('2.')) {
      invalid(
        FORMAT,
        'version',
        `"${version}" is not supported (expected 2.1.0)`,
      );
    }
    if (!Array.isArray(document.runs))
      invalid(FORMAT, 'runs', 'must be an array');

    const runs = document.runs.map((run: unknown, i: number) =>
      parseRun(run, i, options.defaultTarget),
    );
    const tools = unique(runs.map(run => run.tool));
    const reasons = runs.flatMap(run =>
      run.incompleteReason ? [run.incompleteReason] : [],
    );
    const targets =
      runs.length > 0 ? runs.map(run => run.target) : [options.defaultTarget];
    return {
      format: `sarif-${version}`,
      tool: tools.length > 0 ? tools.join(', ') : UNKNOWN_SARIF_TOOL,
      toolVersion:
        tools.length === 1
          ? runs.find(run => run.toolVersion)?.toolVersion
          : undefined,
      complete: reasons.length === 0,
      incompleteReason: reasons.length > 0 ? reasons.join('; ') : undefined,
      targets: unique(targets.filter((t): t is string => t !== undefined)),
      findings: uniqueFingerprints(runs.flatMap(run => run.findings)),
    };
  },
};
