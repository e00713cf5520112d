import type {
  FindingCategory,
  FindingLocation,
  FindingSeverity,
} from '@slipway/plugin-delivery-common';

export type { FindingCategory, FindingSeverity };

/**
 * One finding as a parser reads it from a report, before the backend tracks it across scans.
 *
 * @public
 */
export interface ParsedFinding {
  /**
   * Stable across scans: the tool's own fingerprint when it has one, otherwise a hash of
   * (category, rule or vulnerability id, package + version or path + normalised snippet/line,
   * target). Never built from text that changes run to run.
   */
  fingerprint: string;
  category: FindingCategory;
  severity: FindingSeverity;
  /** Rule id, or vulnerability id (CVE, GHSA, ...). */
  ruleId: string;
  /** Other ids of the same vulnerability (CVE ↔ GHSA ↔ OSV). */
  aliases?: string[];
  title: string;
  description?: string;
  package?: string;
  installedVersion?: string;
  fixedVersion?: string;
  location?: FindingLocation;
  /** What was scanned: image, path, manifest. Findings are tracked per (tool, target). */
  target: string;
  references?: string[];
  /** A suppression written in the report itself (SARIF `suppressions`, VEX `not_affected`). */
  suppression?: { kind: string; justification?: string };
}

/**
 * A whole report as a parser reads it.
 *
 * @public
 */
export interface ParsedReport {
  /** The format the parser read, e.g. `sarif-2.1.0`, `trivy-json`, `cyclonedx-1.4`. */
  format: string;
  tool: string;
  toolVersion?: string;
  /**
   * False when the report says the scan did not complete (SARIF `executionSuccessful: false`, a
   * run without `results`): such a report never marks findings fixed.
   */
  complete: boolean;
  /** Why the scan is incomplete, for the upload's answer. */
  incompleteReason?: string;
  /** Every target the scan covered, including targets with no findings (a clean scan). */
  targets: string[];
  findings: ParsedFinding[];
}

/**
 * Reads one report format. Parsers see the report already decoded from JSON.
 *
 * @public
 */
export interface FindingParser {
  /** A short name for the format, e.g. `sarif`. */
  readonly format: string;
  /** Whether this document is in the parser's format (a cheap look at its shape). */
  canParse(document: unknown): boolean;
  /**
   * Parses the document. Throws `InputError` (from `@backstage/errors`) naming the problem and,
   * where it can, the field (e.g. `runs[0].results[3].ruleId`) for documents that claim the
   * format but are malformed or of an unsupported version.
   *
   * @param defaultTarget - the upload's `target` parameter, for formats that do not name one
   */
  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport;
}
