import {
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import fs from 'fs';
import path from 'path';

/**
 * Helpers for the parser tests that read the shared security fixtures: real reports of every
 * supported tool, kept outside the repository in `/work/shared/fixtures/security`.
 */

/** `/work/shared/fixtures/security`: seven levels above `parsers/__testUtils__`, then `shared/`. */
export const SECURITY_FIXTURES_DIR = path.resolve(
  __dirname,
  '../../../../../../../shared/fixtures/security',
);

/** Whether the shared fixtures are there (they are not part of the repository). */
export const SECURITY_FIXTURES_PRESENT = fs.existsSync(SECURITY_FIXTURES_DIR);

let reportedAbsent = false;

/**
 * `describe` when the shared fixtures are there, else `describe.skip`, saying once per test file
 * (with `console.info`) that the fixture tests are skipped.
 */
export function describeSecurityFixtures(name: string, fn: () => void): void {
  if (!SECURITY_FIXTURES_PRESENT && !reportedAbsent) {
    reportedAbsent = true;
    console.info(
      `Shared security fixture tests skipped: ${SECURITY_FIXTURES_DIR} not found`,
    );
  }
  (SECURITY_FIXTURES_PRESENT ? describe : describe.skip)(name, fn);
}

/**
 * The decoded JSON of the fixture `name`, a new object on every call (tests may change it).
 * Throws `SyntaxError` for a file that is not JSON.
 */
export function readSecurityFixture(name: string): unknown {
  return JSON.parse(
    fs.readFileSync(path.join(SECURITY_FIXTURES_DIR, name), 'utf8'),
  );
}

/** Reads the fixture `name`, expects `parser` to claim it, and parses it without a default target. */
export function parseSecurityFixture(
  parser: FindingParser,
  name: string,
): ParsedReport {
  const document = readSecurityFixture(name);
  expect(parser.canParse(document)).toBe(true);
  return parser.parse(document, {});
}

/** Names of every file in the fixtures folder, in directory order; `[]` when it is absent. */
export function listSecurityFixtures(): string[] {
  return SECURITY_FIXTURES_PRESENT ? fs.readdirSync(SECURITY_FIXTURES_DIR) : [];
}

/**
 * Names of the fixtures that are valid JSON (every one but the malformed SARIF), in directory
 * order; `[]` when the folder is absent.
 */
export function listJsonFixtures(): string[] {
  return listSecurityFixtures().filter(name => {
    try {
      readSecurityFixture(name);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Names of the JSON fixtures of other tools: those whose names do not start with `prefix`, for
 * "does not claim %s" tests; `[]` when the folder is absent.
 */
export function otherJsonFixtures(prefix: string): string[] {
  return listJsonFixtures().filter(name => !name.startsWith(prefix));
}

/** How many findings there are of each severity or category, e.g. `{ high: 2, low: 1 }`. */
export function countBy(
  findings: ParsedFinding[],
  key: 'severity' | 'category',
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f[key]] = (counts[f[key]] ?? 0) + 1;
  return counts;
}

/** The findings' fingerprints, in report order. */
export function fingerprintsOf(report: ParsedReport): string[] {
  return report.findings.map(f => f.fingerprint);
}

/** Number of findings, by severity and by category, and of distinct fingerprints. */
export function summary(report: ParsedReport) {
  return {
    findings: report.findings.length,
    severity: countBy(report.findings, 'severity'),
    category: countBy(report.findings, 'category'),
    fingerprints: new Set(fingerprintsOf(report)).size,
  };
}

/**
 * Every JSON fixture's name, in directory order, with whether `parser` claims it (`canParse`):
 * for tests that a parser claims its own fixtures and no other.
 */
export function claimsByJsonFixture(
  parser: FindingParser,
): Array<[name: string, claimed: boolean]> {
  return listJsonFixtures().map(name => [
    name,
    parser.canParse(readSecurityFixture(name)),
  ]);
}
