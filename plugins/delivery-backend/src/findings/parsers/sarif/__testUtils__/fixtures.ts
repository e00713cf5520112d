import { ParsedReport } from '@slipway/plugin-delivery-node';
import { readSecurityFixture } from '../../__testUtils__/securityFixtures';
import { sarifParser } from '../index';

/**
 * The SARIF fixture lists and loaders of `../fixtures*.test.ts`; the format-independent helpers
 * are in `../../__testUtils__/securityFixtures`.
 */

/** Fixtures with many findings, tested in `../fixtures.test.ts`. */
export const TOOL_FIXTURES = [
  'sarif-codeql-2.5.4.sarif',
  'sarif-semgrep-0.17-owasp-benchmark.big.sarif',
  'sarif-trivy-image.sarif',
  'sarif-gitleaks-7.4.sarif',
  'sarif-gitleaks-8-simple.sarif',
  'sarif-flawfinder-2.0.19.sarif',
  'sarif-spotbugs-4.4.0.sarif',
];

/** Small, empty, incomplete and rejected reports, tested in `../fixturesEdge.test.ts`. */
export const EDGE_FIXTURES = [
  'sarif-dependency-check-6.1.2.sarif',
  'sarif-eslint-simple.sarif',
  'sarif-suppressions.sarif',
  'sarif-no-runs.sarif',
  'sarif-gitleaks-empty-runs.sarif',
  'sarif-exceptional-empty-runs.sarif',
  'sarif-exceptional-no-runs.sarif',
  'sarif-exceptional-one-run-empty-results.sarif',
  'sarif-exceptional-one-run-no-results.sarif',
  'sarif-exceptional-catastrophic-execution-error.sarif',
  'sarif-v1.0.0-basic.sarif',
  'sarif-MALFORMED-syntax-error.sarif',
];

/** The parts of a fixture the tests touch directly. */
export interface FixtureDoc {
  runs: Array<{
    results: Array<{
      ruleId?: string;
      message?: unknown;
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number };
        };
      }>;
    }>;
  }>;
}

/** Names of the fixtures this test file has loaded. */
export const loaded = new Set<string>();

/** Reads and decodes a fixture (throws SyntaxError for the malformed one). */
export function load(name: string): FixtureDoc {
  loaded.add(name);
  return readSecurityFixture(name) as FixtureDoc;
}

/** Loads and parses a fixture. */
export function read(name: string, defaultTarget?: string): ParsedReport {
  return sarifParser.parse(load(name), { defaultTarget });
}
