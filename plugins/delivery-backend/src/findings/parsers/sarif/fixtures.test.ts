import { sarifParser } from './index';
import { load, loaded, read, TOOL_FIXTURES } from './__testUtils__/fixtures';
import {
  describeSecurityFixtures,
  summary,
} from '../__testUtils__/securityFixtures';

// Expected values derived with a throwaway python script (json.load + Counter) per file.
describeSecurityFixtures(
  'sarifParser on the shared SARIF fixtures with findings',
  () => {
    // 72 results, no result level; rules' defaultConfiguration.level: 57 note, 11 error, 4 warning
    it('sarif-codeql-2.5.4.sarif', () => {
      const report = read('sarif-codeql-2.5.4.sarif');
      expect(report).toMatchObject({
        format: 'sarif-2.1.0',
        tool: 'CodeQL',
        toolVersion: '2.5.4',
        complete: true,
        targets: ['CodeQL'],
      });
      expect(summary(report)).toEqual({
        findings: 72,
        severity: { low: 57, high: 11, medium: 4 },
        category: { code: 72 },
        fingerprints: 72,
      });
      expect(report.findings[0]).toMatchObject({
        ruleId: 'py/empty-except',
        title: 'Empty except',
        description: "Except doesn't do anything and has no comment",
        severity: 'low',
        location: { path: 'good/db_init.py', startLine: 39 },
      });
    });

    // 1768 results, no level; all 28 rules' default level is warning; 1768 distinct (rule, uri, line)
    it('sarif-semgrep-0.17-owasp-benchmark.big.sarif', () => {
      const doc = load('sarif-semgrep-0.17-owasp-benchmark.big.sarif');
      const started = Date.now();
      const report = sarifParser.parse(doc, {});
      expect(Date.now() - started).toBeLessThan(1500);
      expect(report).toMatchObject({
        tool: 'semgrep',
        toolVersion: '0.17.0',
        complete: true,
        targets: ['semgrep'],
      });
      expect(summary(report)).toEqual({
        findings: 1768,
        severity: { medium: 1768 },
        category: { code: 1768 },
        fingerprints: 1768,
      });
      expect(report.findings[0]).toMatchObject({
        ruleId:
          'java.lang.security.audit.cbc-padding-oracle.cbc-padding-oracle',
        location: {
          path: 'src/main/java/org/owasp/benchmark/testcode/BenchmarkTest02660.java',
          startLine: 59,
          endLine: 59,
        },
      });
    });

    // 4 results, all level warning (security-severity 5.3 agrees); rules named OsPackageVulnerability
    it('sarif-trivy-image.sarif', () => {
      const report = read('sarif-trivy-image.sarif');
      const image = 'testdata/fixtures/images/alpine-310.tar.gz';
      expect(report).toMatchObject({
        tool: 'Trivy',
        toolVersion: 'dev',
        complete: true,
        targets: [image],
      });
      expect(summary(report)).toEqual({
        findings: 4,
        severity: { medium: 4 },
        category: { container: 4 },
        fingerprints: 4,
      });
      expect(report.findings[0]).toMatchObject({
        ruleId: 'CVE-2019-1549',
        title: 'openssl: information disclosure in fork()',
        package: 'libcrypto1.1', // the rule's help names libssl1.1: the result's message is right
        installedVersion: '1.1.1c-r0',
        fixedVersion: '1.1.1d-r0',
        references: ['https://avd.aquasec.com/nvd/cve-2019-1549'],
        location: { path: image, startLine: 1, image },
      });
    });

    // 8 results, no ruleId: 4 distinct (rule in message, uri, line, snippet), each seen in 2 commits
    it('sarif-gitleaks-7.4.sarif', () => {
      const report = read('sarif-gitleaks-7.4.sarif');
      expect(report).toMatchObject({
        tool: 'Gitleaks',
        toolVersion: 'v7.4.0',
        complete: true,
      });
      expect(summary(report)).toEqual({
        findings: 4,
        severity: { medium: 4 },
        category: { secret: 4 },
        fingerprints: 4,
      });
      expect(report.findings.map(f => f.ruleId)).toEqual([
        'AWS Access Key',
        'Asymmetric Private Key',
        'AWS Access Key',
        'AWS Access Key',
      ]);
      expect(report.findings[0]).toMatchObject({
        title: 'AWS Access Key secret detected',
        location: {
          path: 'dojo/unittests/scans/gitlab_secret_detection_report/gitlab_secret_detection_report_1_vuln.json',
          startLine: 13,
        },
      });
    });

    // 1 result, ruleId test-rule (not among the 2 rules), no level
    it('sarif-gitleaks-8-simple.sarif', () => {
      const report = read('sarif-gitleaks-8-simple.sarif');
      expect(report).toMatchObject({
        tool: 'gitleaks',
        toolVersion: 'v8.0.0',
        complete: true,
      });
      expect(summary(report)).toEqual({
        findings: 1,
        severity: { medium: 1 },
        category: { secret: 1 },
        fingerprints: 1,
      });
      expect(report.findings[0]).toMatchObject({
        ruleId: 'test-rule',
        title:
          'test-rule has detected secret for file auth.py at commit 0000000000000000.',
        location: { path: 'auth.py', startLine: 1, endLine: 2 },
      });
    });

    // 54 results, 1 of kind pass; levels of the 53: 50 note, 1 warning, 1 error, 1 absent (rule: error)
    it('sarif-flawfinder-2.0.19.sarif', () => {
      const report = read('sarif-flawfinder-2.0.19.sarif');
      expect(report).toMatchObject({
        tool: 'Flawfinder',
        toolVersion: '2.0.19',
        complete: true,
      });
      expect(summary(report)).toEqual({
        findings: 53,
        severity: { high: 2, medium: 1, low: 50 },
        category: { code: 53 },
        fingerprints: 53,
      });
      const [first, second] = report.findings;
      expect(first).toMatchObject({
        ruleId: 'FF1048',
        severity: 'high',
        location: { path: 'src/tree/param.cc', startLine: 29 },
      });
      // same rule, file and contextHash/v1 on another line: numbered, not merged
      expect(second).toMatchObject({
        ruleId: 'FF1048',
        severity: 'medium',
        location: { startLine: 75 },
      });
      expect(second.fingerprint).not.toBe(first.fingerprint);
    });

    // 56 results, all level note; executionSuccessful false with an error-level
    // toolConfigurationNotification about missing classes
    it('sarif-spotbugs-4.4.0.sarif', () => {
      const report = read('sarif-spotbugs-4.4.0.sarif');
      expect(report).toMatchObject({
        tool: 'SpotBugs',
        toolVersion: '4.4.0',
        complete: false,
        targets: ['SpotBugs'],
      });
      expect(report.incompleteReason).toMatch(
        /^run 0 \(SpotBugs\) did not complete: Classes needed for analysis were missing: \[org\.antlr.*…$/,
      );
      expect(summary(report)).toEqual({
        findings: 56,
        severity: { low: 56 },
        category: { code: 56 },
        fingerprints: 56,
      });
      expect(report.findings[0]).toMatchObject({
        ruleId: 'DMI_HARDCODED_ABSOLUTE_FILENAME',
        title: 'Code contains a hard coded reference to an absolute pathname.',
        location: { path: 'Boot.java', startLine: 23 },
      });
    });

    it('tested every fixture with findings', () => {
      expect(TOOL_FIXTURES.filter(name => !loaded.has(name))).toEqual([]);
    });
  },
);
