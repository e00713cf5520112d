import { ParsedReport } from '@slipway/plugin-delivery-node';
import { trivyParser } from './index';
import {
  claimsByJsonFixture,
  countBy,
  describeSecurityFixtures,
  fingerprintsOf,
  listSecurityFixtures,
  parseSecurityFixture,
} from '../__testUtils__/securityFixtures';

const load = (name: string): ParsedReport =>
  parseSecurityFixture(trivyParser, name);

type Counts = Record<string, number>;

function expectSummary(
  report: ParsedReport,
  [findings, targets]: [number, number],
  severity: Counts,
  category: Counts,
) {
  expect(report.complete).toBe(true);
  expect(report.tool).toBe('trivy');
  expect(report.findings).toHaveLength(findings);
  expect(report.targets).toHaveLength(targets);
  expect(countBy(report.findings, 'severity')).toEqual(severity);
  expect(countBy(report.findings, 'category')).toEqual(category);
  // no duplicate fingerprints: none of these reports repeats a vulnerability/package/target
  expect(new Set(report.findings.map(f => f.fingerprint)).size).toBe(findings);
}

// Expected numbers were counted with python3 over each file: Vulnerabilities, non-PASS
// Misconfigurations, Secrets and Licenses of every result, tallied by Severity; targets = distinct
// result Targets (k8s: prefixed by namespace/kind/name).
describeSecurityFixtures('trivyParser on the shared fixtures', () => {
  it('trivy-image-alpine-310.json', () => {
    const report = load('trivy-image-alpine-310.json');
    expectSummary(report, [4, 1], { medium: 4 }, { container: 4 });
    expect(report.format).toBe('trivy-json');
    expect(report.toolVersion).toBe('dev');
    expect(report.targets).toEqual([
      'testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2)',
    ]);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2019-1549',
      package: 'libcrypto1.1',
      installedVersion: '1.1.1c-r0',
      fixedVersion: '1.1.1d-r0',
      title: 'openssl: information disclosure in fork()',
      target: 'testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2)',
      location: {
        image: 'testdata/fixtures/images/alpine-310.tar.gz',
        layer:
          'sha256:03901b4a2ea88eeaad62dbe59b072b28b6efa00491962b8741081c5df50c65e0',
      },
    });
    expect(report.findings[0].references?.[0]).toBe(
      'https://avd.aquasec.com/nvd/cve-2019-1549',
    );
  });

  it('trivy-LEGACY-array-pre-0.20.json, and the same scan as trivy-image-alpine-310.json', () => {
    const legacy = load('trivy-LEGACY-array-pre-0.20.json');
    expectSummary(legacy, [8, 1], { medium: 6, low: 2 }, { container: 8 });
    expect(legacy.format).toBe('trivy-json-legacy');
    expect(legacy.toolVersion).toBeUndefined();

    // The two files were written with different vulnerability databases: the v2 report has
    // CVE-2019-1549/1551 for libcrypto1.1 and libssl1.1, the legacy one also 1563 and 1547.
    // Every finding they share must have the same fingerprint, severity and image.
    const current = load('trivy-image-alpine-310.json');
    const byFingerprint = new Map(legacy.findings.map(f => [f.fingerprint, f]));
    for (const f of current.findings) {
      const same = byFingerprint.get(f.fingerprint);
      expect(same).toBeDefined();
      expect(same?.severity).toBe(f.severity);
      expect([same?.ruleId, same?.package]).toEqual([f.ruleId, f.package]);
      expect(same?.location?.image).toBe(f.location?.image);
    }
    const extra = legacy.findings
      .filter(f => !current.findings.some(c => c.fingerprint === f.fingerprint))
      .map(f => `${f.ruleId} ${f.package} ${f.severity}`)
      .sort();
    expect(extra).toEqual([
      'CVE-2019-1547 libcrypto1.1 low',
      'CVE-2019-1547 libssl1.1 low',
      'CVE-2019-1563 libcrypto1.1 medium',
      'CVE-2019-1563 libssl1.1 medium',
    ]);
  });

  it('trivy-repo-npm-lang-pkgs-licenses.json', () => {
    const report = load('trivy-repo-npm-lang-pkgs-licenses.json');
    expectSummary(report, [1, 1], { medium: 1 }, { dependency: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2019-11358',
      package: 'jquery',
      installedVersion: '3.3.9',
      fixedVersion: '3.4.0',
      target: 'package-lock.json',
      location: { path: 'package-lock.json' },
    });
  });

  it('trivy-fs-jar-cvssv4.json', () => {
    const report = load('trivy-fs-jar-cvssv4.json');
    expectSummary(report, [3, 1], { medium: 1, low: 2 }, { dependency: 3 });
    expect(report.toolVersion).toBe('0.69.1');
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2025-66614',
      aliases: ['GHSA-fpj8-gq4v-p354'],
      package: 'org.apache.tomcat:tomcat-catalina',
      installedVersion: '9.0.109',
      fixedVersion: '11.0.14, 10.1.49, 9.0.112',
      target: 'Java',
      location: { path: 'catalina.jar' },
    });
    expect(report.findings[0].location?.image).toBeUndefined();
  });

  it('trivy-repo-secrets.json', () => {
    const report = load('trivy-repo-secrets.json');
    expectSummary(report, [2, 1], { critical: 1, high: 1 }, { secret: 2 });
    expect(report.findings[0]).toEqual({
      fingerprint: expect.any(String),
      category: 'secret',
      severity: 'critical',
      ruleId: 'aws-access-key-id',
      title: 'AWS Access Key ID',
      location: { path: 'deploy.sh', startLine: 3, endLine: 3 },
      target: 'deploy.sh',
    });
    // the matched text (even masked) never reaches the finding
    expect(JSON.stringify(report)).not.toContain('AWS_ACCESS_KEY_ID');
    expect(JSON.stringify(report)).not.toContain('ghp_');
  });

  it('trivy-dockerfile-misconfig.json', () => {
    const report = load('trivy-dockerfile-misconfig.json');
    expectSummary(report, [1, 1], { high: 1 }, { misconfiguration: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'DS-0002',
      title: "Image user should not be 'root'",
      target: 'Dockerfile',
      location: { path: 'Dockerfile' },
    });
    expect(report.findings[0].description).toMatch(
      /^Specify at least 1 USER command/,
    );
  });

  it('trivy-license-scan.json', () => {
    const report = load('trivy-license-scan.json');
    expectSummary(
      report,
      [19, 2],
      { high: 7, medium: 1, low: 11 },
      { license: 19 },
    );
    expect(report.targets).toEqual(['OS Packages', 'Loose File License(s)']);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'GPL-2.0',
      package: 'alpine-baselayout',
      severity: 'high',
      target: 'OS Packages',
    });
    expect(report.findings[17]).toMatchObject({
      ruleId: 'OpenSSL',
      location: { path: '/etc/ssl/misc/CA.pl' },
      references: ['https://spdx.org/licenses/OpenSSL.html'],
    });
  });

  it('trivy-k8s-cluster-report.json', () => {
    const report = load('trivy-k8s-cluster-report.json');
    expectSummary(
      report,
      [20, 6],
      { medium: 6, low: 14 },
      { container: 10, misconfiguration: 10 },
    );
    expect(report.format).toBe('trivy-k8s-json');
    // the two Services have no misconfigurations but are still scanned scopes
    expect(report.targets).toContain(
      'default/Service/redis-leader: Service/redis-leader',
    );
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2020-27350',
      package: 'apt',
      fixedVersion: '1.8.2.2',
      category: 'container',
      target:
        'default/Deployment/redis-follower: gcr.io/google_samples/gb-redis-follower:v2 (debian 10.4)',
      location: { image: 'gcr.io/google_samples/gb-redis-follower:v2' },
    });
    const ksv = report.findings.find(f => f.ruleId === 'KSV001');
    expect(ksv).toMatchObject({
      severity: 'medium',
      target: 'default/Deployment/redis-follower: Deployment/redis-follower',
      location: { startLine: 132, endLine: 143 },
    });
  });

  it('claims its own fixtures and no other file in the folder', () => {
    for (const [name, claimed] of claimsByJsonFixture(trivyParser)) {
      expect([name, claimed]).toEqual([name, name.startsWith('trivy-')]);
    }
  });

  it('gives the same fingerprints when a file is parsed twice', () => {
    for (const name of listSecurityFixtures().filter(n =>
      /^trivy-.*\.json$/.test(n),
    )) {
      const first = fingerprintsOf(load(name));
      expect(fingerprintsOf(load(name))).toEqual(first);
    }
  });
});
