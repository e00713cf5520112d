import { ParsedReport } from '@slipway/plugin-delivery-node';
import { osvScannerParser } from './index';
import {
  claimsByJsonFixture,
  countBy,
  describeSecurityFixtures,
  fingerprintsOf,
  parseSecurityFixture,
} from '../__testUtils__/securityFixtures';

const load = (name: string): ParsedReport =>
  parseSecurityFixture(osvScannerParser, name);

// Expected numbers were counted with python3: one finding per packages[].groups[] entry;
// severity = highest database_specific.severity of the group's records, else the CVSS v3 base
// score computed from severity[] (2 groups in -many), else info (the one group in -some);
// targets = distinct results[].source.path.
describeSecurityFixtures('osvScannerParser on the shared fixtures', () => {
  it('osv-scanner-some.json', () => {
    const report = load('osv-scanner-some.json');
    expect(report).toMatchObject({ tool: 'osv-scanner', complete: true });
    expect(report.targets).toEqual(['/path/to/different-dir/go.mod']);
    expect(report.findings).toHaveLength(1);
    expect(countBy(report.findings, 'severity')).toEqual({ info: 1 });
    expect(countBy(report.findings, 'category')).toEqual({ dependency: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2021-3121',
      aliases: ['GHSA-c3h9-896r-86jm', 'GO-2021-0053'],
      title:
        'Panic due to improper input validation in github.com/gogo/protobuf',
      package: 'github.com/gogo/protobuf',
      installedVersion: '1.3.1',
      fixedVersion: '1.3.2',
      target: '/path/to/different-dir/go.mod',
      references: [
        'https://github.com/gogo/protobuf/commit/b03c65ea87cdc3521ede29f62fe3ce239267c1bc',
      ],
    });
  });

  it('osv-scanner-many.json', () => {
    const report = load('osv-scanner-many.json');
    expect(report.complete).toBe(true);
    expect(report.findings).toHaveLength(37);
    expect(report.targets).toHaveLength(6);
    expect(countBy(report.findings, 'severity')).toEqual({
      critical: 5,
      high: 18,
      medium: 14,
    });
    expect(countBy(report.findings, 'category')).toEqual({ dependency: 37 });
    expect(new Set(report.findings.map(f => f.fingerprint)).size).toBe(37);

    const sqlInjection = report.findings.find(
      f => f.ruleId === 'CVE-2022-28346',
    );
    expect(sqlInjection).toMatchObject({
      severity: 'critical', // database_specific.severity CRITICAL
      aliases: [
        'BIT-django-2022-28346',
        'GHSA-2gwj-7jmv-h26r',
        'PYSEC-2022-190',
      ],
      title: 'SQL Injection in Django',
      package: 'django',
      installedVersion: '3.2.4',
      fixedVersion: '3.2.13', // the affected range whose versions hold 3.2.4
      target: '/tmprengine/web/requirements.txt',
    });
    // a git source: no package name, the commit as version, severity from the CVSS v3 vector (8.8)
    const git = report.findings.find(f => f.ruleId === 'CVE-2023-50094');
    expect(git).toMatchObject({
      severity: 'high',
      installedVersion: 'f5f3c22f3ed5a6804a2a8d9ee9fa43044cfa24a6',
      target: '/tmprengine/',
    });
    expect(git?.package).toBeUndefined();
    expect(git?.fixedVersion).toBeUndefined(); // only last_affected
    // PYSEC-only group, CVSS 7.5 → high
    expect(
      report.findings.find(f => f.aliases?.includes('PYSEC-2023-206'))
        ?.severity,
    ).toBe('high');
    // the GHSA range fixes 3.9.0; the PYSEC GIT range's commit is not a version
    expect(
      report.findings.find(f => f.aliases?.includes('GHSA-qvrw-v9rv-5rjx'))
        ?.fixedVersion,
    ).toBe('3.9.0');
  });

  it('osv-scanner-empty.json: a clean scan', () => {
    expect(load('osv-scanner-empty.json')).toEqual({
      format: 'osv-scanner-json',
      tool: 'osv-scanner',
      complete: true,
      targets: [],
      findings: [],
    });
  });

  it('claims its own fixtures and no other file in the folder', () => {
    for (const [name, claimed] of claimsByJsonFixture(osvScannerParser)) {
      expect([name, claimed]).toEqual([name, name.startsWith('osv-scanner-')]);
    }
  });

  it('gives the same fingerprints when a file is parsed twice', () => {
    for (const name of ['osv-scanner-some.json', 'osv-scanner-many.json']) {
      const first = fingerprintsOf(load(name));
      expect(fingerprintsOf(load(name))).toEqual(first);
    }
  });
});
