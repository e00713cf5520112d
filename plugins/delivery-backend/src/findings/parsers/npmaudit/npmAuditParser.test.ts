import { ParsedReport } from '@slipway/plugin-delivery-node';
import { npmAuditParser } from '.';
import {
  countBy,
  describeSecurityFixtures,
  otherJsonFixtures,
  readSecurityFixture,
} from '../__testUtils__/securityFixtures';

const parse = (doc: unknown, defaultTarget?: string): ParsedReport =>
  npmAuditParser.parse(doc, { defaultTarget });

describeSecurityFixtures('npmAuditParser on fixtures', () => {
  it('reads npm-audit-v7-high.json', () => {
    const doc = readSecurityFixture('npm-audit-v7-high.json');
    expect(npmAuditParser.canParse(doc)).toBe(true);
    const report = parse(doc);
    expect(report).toMatchObject({
      format: 'npm-audit-v7',
      tool: 'npm-audit',
      complete: true,
      targets: ['package-lock.json'],
    });
    // jq '[.vulnerabilities[].via[] | objects] | length' == 1
    expect(report.findings).toHaveLength(1);
    expect(countBy(report.findings, 'severity')).toEqual({ high: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'GHSA-hrpp-h998-j3pp',
      title: 'qs vulnerable to Prototype Pollution',
      category: 'dependency',
      package: 'qs',
      fixedVersion: '6.11.2',
      references: ['https://github.com/advisories/GHSA-hrpp-h998-j3pp'],
    });
    // npm >= 7 does not report the installed version
    expect(report.findings[0].installedVersion).toBeUndefined();
    expect(report.findings[0].description).toContain('>=6.10.0 <6.10.3');
  });

  it('reads npm-audit-v7-allowlisted-path.json (advisories next to package names)', () => {
    const report = parse(
      readSecurityFixture('npm-audit-v7-allowlisted-path.json'),
    );
    expect(report.complete).toBe(true);
    expect(report.targets).toEqual(['package-lock.json']);
    // jq: 3 advisory objects on axios + 2 on follow-redirects; github-build's via is ["axios"]
    expect(report.findings).toHaveLength(5);
    expect(countBy(report.findings, 'severity')).toEqual({
      high: 4,
      medium: 1,
    });
    expect(report.findings.some(f => f.package === 'github-build')).toBe(false);
    const moderate = report.findings.find(f => f.severity === 'medium');
    expect(moderate).toMatchObject({
      ruleId: 'GHSA-pw2r-vq6v-hr8c',
      package: 'follow-redirects',
      // fixAvailable names axios, not follow-redirects
      fixedVersion: undefined,
    });
    const axios = report.findings.filter(f => f.package === 'axios');
    expect(axios.map(f => f.fixedVersion)).toEqual([
      '0.26.0',
      '0.26.0',
      '0.26.0',
    ]);
  });

  it('reads npm-audit-v7-many.json (transitive-only packages give no finding)', () => {
    const report = parse(readSecurityFixture('npm-audit-v7-many.json'));
    expect(report.complete).toBe(true);
    // jq: advisory objects on debug, semver (moderate) and undici (low); 3 packages via strings only
    expect(report.findings).toHaveLength(3);
    expect(countBy(report.findings, 'severity')).toEqual({ medium: 2, low: 1 });
    expect(report.findings.map(f => f.package).sort()).toEqual([
      'debug',
      'semver',
      'undici',
    ]);
    expect(report.findings.find(f => f.package === 'undici')).toMatchObject({
      ruleId: 'GHSA-3787-6prv-h9w3',
      severity: 'low',
      fixedVersion: undefined,
    });
  });

  it('reads the npm 6 legacy report', () => {
    const doc = readSecurityFixture('npm-audit-v6-legacy.json');
    expect(npmAuditParser.canParse(doc)).toBe(true);
    const report = parse(doc, 'web/package-lock.json');
    expect(report).toMatchObject({
      format: 'npm-audit-v6',
      complete: true,
      targets: ['web/package-lock.json'],
    });
    // one advisory (1094102) with one findings[] entry
    expect(report.findings).toHaveLength(1);
    expect(countBy(report.findings, 'severity')).toEqual({ high: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'GHSA-hrpp-h998-j3pp',
      aliases: ['CVE-2022-24999'],
      package: 'qs',
      installedVersion: '6.10.2',
      fixedVersion: '6.10.3',
      target: 'web/package-lock.json',
    });
    // the advisory url plus the 15 `references` lines, one of which is the url itself
    expect(report.findings[0].references).toHaveLength(15);
  });

  it.each(otherJsonFixtures('npm-audit-'))('does not claim %s', name => {
    expect(npmAuditParser.canParse(readSecurityFixture(name))).toBe(false);
  });
});

describe('npmAuditParser.canParse', () => {
  it('does not claim other documents', () => {
    expect(npmAuditParser.canParse({ vulnerabilities: {} })).toBe(false);
    expect(npmAuditParser.canParse({ advisories: {} })).toBe(false);
    expect(npmAuditParser.canParse([])).toBe(false);
    expect(npmAuditParser.canParse(null)).toBe(false);
  });
});
