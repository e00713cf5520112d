import { sarifParser } from './index';
import {
  EDGE_FIXTURES,
  load,
  loaded,
  read,
  TOOL_FIXTURES,
} from './__testUtils__/fixtures';
import {
  describeSecurityFixtures,
  fingerprintsOf,
  listSecurityFixtures,
  summary,
} from '../__testUtils__/securityFixtures';

describeSecurityFixtures(
  'sarifParser on the small, empty, incomplete and invalid SARIF fixtures',
  () => {
    // 13 results, all level error, no rules; 9 CVE ids and 4 RetireJS names; 13 distinct (rule, uri)
    it('sarif-dependency-check-6.1.2.sarif', () => {
      const report = read('sarif-dependency-check-6.1.2.sarif');
      expect(report).toMatchObject({
        tool: 'dependency-check',
        toolVersion: '6.1.2',
        complete: true,
      });
      expect(summary(report)).toEqual({
        findings: 13,
        severity: { high: 13 },
        category: { dependency: 13 },
        fingerprints: 13,
      });
      expect(report.findings[4]).toMatchObject({
        ruleId: 'CVE-2012-6708',
        location: {
          path: '/src/.venv/lib/python3.9/site-packages/tastypie_swagger/static/tastypie_swagger/js/lib/jquery-1.8.0.min.js',
        },
      });
      expect(report.findings[4].title).toMatch(
        /^CVE-2012-6708 - jQuery before 1\.9\.0/,
      );
    });

    // 1 result, level error, ruleIndex 0, absolute file:///C:/ uri
    it('sarif-eslint-simple.sarif', () => {
      const report = read('sarif-eslint-simple.sarif');
      expect(report).toMatchObject({
        format: 'sarif-2.1.0',
        tool: 'ESLint',
        toolVersion: undefined,
        complete: true,
      });
      expect(summary(report)).toEqual({
        findings: 1,
        severity: { high: 1 },
        category: { code: 1 },
        fingerprints: 1,
      });
      expect(report.findings[0]).toMatchObject({
        ruleId: 'no-unused-vars',
        title: 'disallow unused variables',
        location: {
          path: 'C:/dev/sarif/sarif-tutorials/samples/Introduction/simple-example.js',
          startLine: 1,
        },
      });
    });

    // 5 results, no levels; suppressions [external], [external], [inSource], absent, []
    it('sarif-suppressions.sarif', () => {
      const report = read('sarif-suppressions.sarif');
      expect(report).toMatchObject({ tool: 'CodeScanner', complete: true });
      expect(summary(report)).toEqual({
        findings: 5,
        severity: { medium: 5 },
        category: { code: 5 },
        fingerprints: 5,
      });
      expect(report.findings.map(f => f.suppression?.kind)).toEqual([
        'external',
        'external',
        'inSource',
        undefined,
        undefined,
      ]);
      expect(report.findings[0]).toMatchObject({
        title: 'Suppressed',
        description: 'Rule 001',
        location: { path: 'C:/code/file1.c' },
      });
    });

    // runs: []
    it.each([
      'sarif-no-runs.sarif',
      'sarif-gitleaks-empty-runs.sarif',
      'sarif-exceptional-empty-runs.sarif',
    ])('%s', name => {
      expect(read(name)).toEqual({
        format: 'sarif-2.1.0',
        tool: 'unknown',
        complete: true,
        targets: [],
        findings: [],
      });
      expect(read(name, 'repo:app').targets).toEqual(['repo:app']);
    });

    // runs: null
    it('sarif-exceptional-no-runs.sarif', () => {
      expect(() => read('sarif-exceptional-no-runs.sarif')).toThrow(
        'Invalid SARIF report: runs must be an array',
      );
    });

    // results: [] — a clean scan
    it('sarif-exceptional-one-run-empty-results.sarif', () => {
      expect(read('sarif-exceptional-one-run-empty-results.sarif')).toEqual({
        format: 'sarif-2.1.0',
        tool: 'CodeScanner',
        toolVersion: '1.0',
        complete: true,
        targets: ['CodeScanner'],
        findings: [],
      });
    });

    // no results key — not computed
    it('sarif-exceptional-one-run-no-results.sarif', () => {
      expect(read('sarif-exceptional-one-run-no-results.sarif')).toMatchObject({
        tool: 'CodeScanner',
        complete: false,
        incompleteReason:
          'run 0 (CodeScanner) has no results: the scan did not compute them',
        targets: ['CodeScanner'],
        findings: [],
      });
    });

    // executionSuccessful false, error notification "Out of memory.", no results
    it('sarif-exceptional-catastrophic-execution-error.sarif', () => {
      expect(
        read('sarif-exceptional-catastrophic-execution-error.sarif'),
      ).toMatchObject({
        complete: false,
        incompleteReason:
          'run 0 (CodeScanner) did not complete: Out of memory.',
        findings: [],
      });
    });

    it('sarif-v1.0.0-basic.sarif', () => {
      const doc = load('sarif-v1.0.0-basic.sarif');
      expect(sarifParser.canParse(doc)).toBe(true);
      expect(() => sarifParser.parse(doc, {})).toThrow(
        'SARIF 1.0.0 is not supported: convert it to SARIF 2.1.0 (e.g. with the SARIF Multitool)',
      );
    });

    // a stray comma: the upload layer rejects it before any parser sees it
    it('sarif-MALFORMED-syntax-error.sarif', () => {
      expect(() => load('sarif-MALFORMED-syntax-error.sarif')).toThrow(
        SyntaxError,
      );
    });

    it('tested every edge fixture, and the two lists cover every sarif-*.sarif file', () => {
      expect(EDGE_FIXTURES.filter(name => !loaded.has(name))).toEqual([]);
      const files = listSecurityFixtures().filter(f =>
        /^sarif-.*\.sarif$/.test(f),
      );
      expect([...TOOL_FIXTURES, ...EDGE_FIXTURES].sort()).toEqual(files.sort());
    });
  },
);

describeSecurityFixtures(
  'sarifParser fingerprint stability on the shared fixtures',
  () => {
    it.each([
      'sarif-codeql-2.5.4.sarif',
      'sarif-semgrep-0.17-owasp-benchmark.big.sarif',
      'sarif-gitleaks-7.4.sarif',
      'sarif-trivy-image.sarif',
    ])('%s gives the same fingerprints twice', name => {
      const first = fingerprintsOf(read(name));
      expect(first.length).toBeGreaterThan(0);
      expect(fingerprintsOf(read(name))).toEqual(first);
    });

    // not Trivy (package and version are read from the message) nor gitleaks 7 (its results name
    // their rule only in the message)
    it.each([
      'sarif-codeql-2.5.4.sarif',
      'sarif-semgrep-0.17-owasp-benchmark.big.sarif',
      'sarif-flawfinder-2.0.19.sarif',
      'sarif-spotbugs-4.4.0.sarif',
      'sarif-dependency-check-6.1.2.sarif',
    ])('%s keeps fingerprints when message texts change', name => {
      const doc = load(name);
      const before = fingerprintsOf(sarifParser.parse(doc, {}));
      for (const result of doc.runs[0].results) {
        result.message = { text: `seen at ${Math.random()}` };
      }
      expect(fingerprintsOf(sarifParser.parse(doc, {}))).toEqual(before);
    });

    it('gives semgrep one fingerprint per distinct (rule, path, line)', () => {
      const doc = load('sarif-semgrep-0.17-owasp-benchmark.big.sarif');
      const keys = new Set(
        doc.runs[0].results.map(r => {
          const loc = r.locations[0].physicalLocation;
          return `${r.ruleId}|${loc.artifactLocation.uri}|${loc.region.startLine}`;
        }),
      );
      const fingerprints = new Set(fingerprintsOf(sarifParser.parse(doc, {})));
      expect(keys.size).toBe(1768);
      expect(fingerprints.size).toBe(keys.size);
    });
  },
);
