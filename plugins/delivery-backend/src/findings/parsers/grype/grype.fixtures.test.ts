import { ParsedReport } from '@slipway/plugin-delivery-node';
import { grypeParser } from './index';
import {
  claimsByJsonFixture,
  countBy,
  describeSecurityFixtures,
  fingerprintsOf,
  parseSecurityFixture,
} from '../__testUtils__/securityFixtures';

const load = (name: string): ParsedReport =>
  parseSecurityFixture(grypeParser, name);

// Expected numbers were counted with python3 over `matches[]`: severity word (Negligible → info,
// Unknown → highest cvss score, none in these files → info); category 'container' for artifacts
// with an empty `language`, 'dependency' for the rest (all sources are images).
describeSecurityFixtures('grypeParser on the shared fixtures', () => {
  it('grype-image.json', () => {
    const report = load('grype-image.json');
    expect(report).toMatchObject({
      format: 'grype-json',
      tool: 'grype',
      complete: true,
      targets: ['user-input'],
    });
    expect(report.toolVersion).toBeUndefined(); // "[not provided]"
    expect(report.findings).toHaveLength(2);
    expect(countBy(report.findings, 'severity')).toEqual({
      low: 1,
      critical: 1,
    });
    expect(countBy(report.findings, 'category')).toEqual({ container: 2 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-1999-0001',
      package: 'package-1',
      installedVersion: '1.1.1',
      fixedVersion: '1.2.1',
      target: 'user-input',
      location: { path: '/foo/bar/somefile-1.txt', image: 'user-input' },
    });
    expect(report.findings[1].fixedVersion).toBeUndefined(); // fix.state ""
  });

  it('grype-many-vulns.json (grype 0.7.0)', () => {
    const report = load('grype-many-vulns.json');
    expect(report.complete).toBe(true);
    expect(report.toolVersion).toBe('0.7.0');
    expect(report.targets).toEqual(['defectdojo/defectdojo-django:1.13.1']);
    expect(report.findings).toHaveLength(327);
    // Negligible 106 + Unknown 10 (no CVSS at all) = 116 info
    expect(countBy(report.findings, 'severity')).toEqual({
      critical: 5,
      high: 24,
      medium: 155,
      low: 27,
      info: 116,
    });
    expect(countBy(report.findings, 'category')).toEqual({
      container: 219,
      dependency: 108,
    });
    // 28 matches carry grype 0.7's `fixedInVersion`
    expect(report.findings.filter(f => f.fixedVersion)).toHaveLength(28);
    expect(report.findings[20]).toMatchObject({
      ruleId: 'CVE-2021-24031',
      severity: 'info',
      package: 'libzstd1',
      installedVersion: '1.3.8+dfsg-3',
      fixedVersion: '1.3.8+dfsg-3+deb10u1',
      category: 'container',
      location: {
        path: '/var/lib/dpkg/status',
        image: 'defectdojo/defectdojo-django:1.13.1',
      },
    });
    expect(new Set(report.findings.map(f => f.fingerprint)).size).toBe(327);
  });

  it('grype-no-vulns.json: a clean scan of its image', () => {
    const report = load('grype-no-vulns.json');
    expect(report).toEqual({
      format: 'grype-json',
      tool: 'grype',
      toolVersion: '0.7.0',
      complete: true,
      targets: ['busybox:latest'],
      findings: [],
    });
  });

  it('claims its own fixtures and no other file in the folder', () => {
    for (const [name, claimed] of claimsByJsonFixture(grypeParser)) {
      expect([name, claimed]).toEqual([name, name.startsWith('grype-')]);
    }
  });

  it('gives the same fingerprints when a file is parsed twice', () => {
    for (const name of ['grype-image.json', 'grype-many-vulns.json']) {
      const first = fingerprintsOf(load(name));
      expect(fingerprintsOf(load(name))).toEqual(first);
    }
  });
});
