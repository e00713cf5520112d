import { groupByPackage, groupByVulnerability } from './groupFindings';
import { testFinding } from './testFindings';

/** cross-spawn in two lock files and an image, a lodash CVE, and a SAST finding. */
const findings = [
  testFinding({
    id: 'a',
    severity: 'high',
    ruleId: 'CVE-2024-21538',
    title: 'cross-spawn: ReDoS (lower)',
    aliases: ['GHSA-3xgq-45jj-v275'],
  }),
  testFinding({
    id: 'b',
    ruleId: 'CVE-2024-21538',
    target: 'web/package-lock.json',
    installedVersion: '6.0.5',
    fixedVersion: '6.0.6',
    aliases: ['GHSA-3xgq-45jj-v275', 'SNYK-JS-CROSSSPAWN-1'],
  }),
  testFinding({
    id: 'c',
    severity: 'medium',
    ruleId: 'CVE-2024-0001',
    title: 'cross-spawn: other',
    target: 'payments:1.2.3',
    fixedVersion: undefined,
    aliases: undefined,
  }),
  testFinding({
    id: 'd',
    severity: 'low',
    ruleId: 'CVE-2021-23337',
    title: 'lodash: command injection',
    package: 'lodash',
    installedVersion: '4.17.20',
    fixedVersion: '4.17.21',
  }),
  testFinding({
    id: 'e',
    severity: 'high',
    category: 'code',
    tool: 'semgrep',
    ruleId: 'js.eval',
    title: 'eval of user input',
    target: 'src',
    package: undefined,
    installedVersion: undefined,
    fixedVersion: undefined,
    location: { path: 'src/app.ts', startLine: 12 },
  }),
];

describe('groupByVulnerability', () => {
  it('groups by rule with the worst severity and every affected package', () => {
    const groups = groupByVulnerability(findings);
    expect(groups.map(g => g.ruleId)).toEqual([
      'CVE-2024-21538',
      'js.eval',
      'CVE-2024-0001',
      'CVE-2021-23337',
    ]);
    const [crossSpawn] = groups;
    expect(crossSpawn).toMatchObject({
      severity: 'critical',
      title: 'cross-spawn: regular expression denial of service',
      aliases: ['GHSA-3xgq-45jj-v275', 'SNYK-JS-CROSSSPAWN-1'],
      affected: ['cross-spawn 6.0.5', 'cross-spawn 7.0.3'],
      targets: ['package-lock.json', 'web/package-lock.json'],
    });
    expect(crossSpawn.findings.map(f => f.id)).toEqual(['a', 'b']);
    expect(groups[1].affected).toEqual(['src/app.ts:12']);
  });

  it('puts the rule affecting more packages first among equally severe ones', () => {
    const groups = groupByVulnerability([
      testFinding({ id: '1', ruleId: 'CVE-A', package: 'a' }),
      testFinding({ id: '2', ruleId: 'CVE-B', package: 'b' }),
      testFinding({ id: '3', ruleId: 'CVE-B', package: 'c' }),
    ]);
    expect(groups.map(g => [g.ruleId, g.affected.length])).toEqual([
      ['CVE-B', 2],
      ['CVE-A', 1],
    ]);
  });

  it('has no groups without findings', () => {
    expect(groupByVulnerability([])).toEqual([]);
  });
});

describe('groupByPackage', () => {
  it('groups by package with counts, versions and rules; code findings last', () => {
    const groups = groupByPackage(findings);
    expect(groups.map(g => [g.package, g.severity, g.findings.length])).toEqual(
      [
        ['cross-spawn', 'critical', 3],
        ['lodash', 'low', 1],
        [undefined, 'high', 1],
      ],
    );
    expect(groups[0].versions).toEqual([
      '6.0.5 → 6.0.6',
      '7.0.3 → 7.0.5',
      '7.0.3 → no fix',
    ]);
    expect(groups[0].ruleIds).toEqual(['CVE-2024-0001', 'CVE-2024-21538']);
    expect(groups[1].versions).toEqual(['4.17.20 → 4.17.21']);
    expect(groups[2]).toMatchObject({ versions: [], ruleIds: ['js.eval'] });
  });

  it('puts the package with more findings first among equally severe ones', () => {
    const groups = groupByPackage([
      testFinding({ id: '1', package: 'a' }),
      testFinding({ id: '2', package: 'b' }),
      testFinding({ id: '3', package: 'b', ruleId: 'CVE-2' }),
    ]);
    expect(groups.map(g => [g.package, g.findings.length])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
  });
});
