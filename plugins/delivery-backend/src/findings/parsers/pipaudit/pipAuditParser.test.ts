import { InputError } from '@backstage/errors';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { pipAuditParser } from '.';
import {
  countBy,
  describeSecurityFixtures,
  otherJsonFixtures,
  readSecurityFixture,
} from '../__testUtils__/securityFixtures';

const parse = (doc: unknown, defaultTarget?: string): ParsedReport =>
  pipAuditParser.parse(doc, { defaultTarget });

describeSecurityFixtures('pipAuditParser on fixtures', () => {
  it('reads the old array format', () => {
    const doc = readSecurityFixture('pip-audit-old-list-format.json');
    expect(pipAuditParser.canParse(doc)).toBe(true);
    const report = parse(doc);
    expect(report).toMatchObject({
      format: 'pip-audit-legacy',
      tool: 'pip-audit',
      complete: true,
      targets: ['requirements.txt'],
    });
    // python3: sum(len(d['vulns']) for d in doc if 'skip_reason' not in d) == 7
    expect(report.findings).toHaveLength(7);
    expect(countBy(report.findings, 'severity')).toEqual({ medium: 7 });
    const django = report.findings.find(f => f.package === 'django');
    expect(django).toMatchObject({
      ruleId: 'PYSEC-2021-439',
      category: 'dependency',
      installedVersion: '3.2.9',
      // fix_versions ["2.2.25", "3.1.14", "3.2.10"]: the one above 3.2.9
      fixedVersion: '3.2.10',
      target: 'requirements.txt',
    });
    expect(report.findings.find(f => f.package === 'lxml')?.fixedVersion).toBe(
      undefined,
    );
    // azure-devops has a skip_reason and no vulns
    expect(report.findings.some(f => f.package === 'azure-devops')).toBe(false);
  });

  it('reads the current {dependencies} format with the same fingerprints', () => {
    const doc = readSecurityFixture('pip-audit-new-format.json');
    expect(pipAuditParser.canParse(doc)).toBe(true);
    const report = parse(doc);
    expect(report.format).toBe('pip-audit');
    expect(report.complete).toBe(true);
    expect(report.targets).toEqual(['requirements.txt']);
    // same dependencies as the old-format file: 7 vulns, none severity-rated
    expect(report.findings).toHaveLength(7);
    expect(countBy(report.findings, 'severity')).toEqual({ medium: 7 });
    const twisted = report.findings.filter(f => f.package === 'twisted');
    expect(twisted.map(f => f.ruleId).sort()).toEqual([
      'PYSEC-2019-128',
      'PYSEC-2019-129',
      'PYSEC-2020-259',
      'PYSEC-2020-260',
    ]);
    const old = parse(readSecurityFixture('pip-audit-old-list-format.json'));
    expect(report.findings.map(f => f.fingerprint).sort()).toEqual(
      old.findings.map(f => f.fingerprint).sort(),
    );
  });

  it('reads the empty list as a clean scan of the default target', () => {
    const doc = readSecurityFixture('pip-audit-empty-list.json');
    expect(pipAuditParser.canParse(doc)).toBe(true);
    expect(parse(doc, 'services/api/requirements.txt')).toMatchObject({
      complete: true,
      targets: ['services/api/requirements.txt'],
      findings: [],
    });
  });

  it.each(otherJsonFixtures('pip-audit-'))('does not claim %s', name => {
    expect(pipAuditParser.canParse(readSecurityFixture(name))).toBe(false);
  });
});

describe('pipAuditParser', () => {
  const vuln = {
    id: 'GHSA-aaaa-bbbb-cccc',
    fix_versions: ['2.0.0'],
    aliases: ['CVE-2024-0001', 'GHSA-aaaa-bbbb-cccc'],
    description: 'first wording',
  };
  const doc = {
    dependencies: [
      { name: 'requests', version: '1.0.0', vulns: [vuln] },
      { name: 'clean', version: '3.0', vulns: [] },
      { name: 'local-pkg', skip_reason: 'Dependency not found on PyPI' },
    ],
    fixes: [],
  };

  it('maps a vulnerability', () => {
    const report = parse(doc, 'app/requirements.txt');
    expect(report.targets).toEqual(['app/requirements.txt']);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'GHSA-aaaa-bbbb-cccc',
        aliases: ['CVE-2024-0001'],
        severity: 'medium',
        package: 'requests',
        installedVersion: '1.0.0',
        fixedVersion: '2.0.0',
        description: 'first wording',
        target: 'app/requirements.txt',
      }),
    ]);
  });

  it('honours a severity when the data has one', () => {
    const rated = [
      { name: 'a', version: '1', vulns: [{ ...vuln, severity: 'HIGH' }] },
    ];
    expect(parse(rated).findings[0].severity).toBe('high');
  });

  it('reads a clean scan', () => {
    const clean = {
      dependencies: [{ name: 'a', version: '1', vulns: [] }],
      fixes: [],
    };
    expect(pipAuditParser.canParse(clean)).toBe(true);
    expect(parse(clean)).toMatchObject({ complete: true, findings: [] });
    expect(pipAuditParser.canParse({ dependencies: [], fixes: [] })).toBe(true);
  });

  it('keeps fingerprints stable and specific', () => {
    const [first] = parse(doc).findings;
    const reworded = {
      dependencies: [
        {
          name: 'requests',
          version: '1.0.0',
          vulns: [{ ...vuln, description: 'new' }],
        },
      ],
    };
    expect(parse(reworded).findings[0].fingerprint).toBe(first.fingerprint);
    const bumped = [{ name: 'requests', version: '1.0.1', vulns: [vuln] }];
    expect(parse(bumped).findings[0].fingerprint).not.toBe(first.fingerprint);
    expect(parse(doc, 'other.txt').findings[0].fingerprint).not.toBe(
      first.fingerprint,
    );
  });

  it('does not claim other documents', () => {
    expect(
      pipAuditParser.canParse({ bomFormat: 'CycloneDX', dependencies: [] }),
    ).toBe(false);
    expect(
      pipAuditParser.canParse({ dependencies: [{ ref: 'a', dependsOn: [] }] }),
    ).toBe(false);
    expect(
      pipAuditParser.canParse([{ Target: 'x', Vulnerabilities: [] }]),
    ).toBe(false);
    expect(pipAuditParser.canParse({ dependencies: [], other: 1 })).toBe(false);
    expect(pipAuditParser.canParse(null)).toBe(false);
    expect(pipAuditParser.canParse('[]')).toBe(false);
  });

  it.each([
    [
      [{ name: 'a', version: '1', vulns: [{ fix_versions: [] }] }],
      /\[0\]\.vulns\[0\]\.id/,
    ],
    [
      { dependencies: [{ name: 'a', version: '1', vulns: 'x' }] },
      /dependencies\[0\]\.vulns must be an array/,
    ],
    [
      { dependencies: [{ name: 'a', vulns: [] }] },
      /dependencies\[0\]\.version/,
    ],
    [[{ version: '1', vulns: [] }], /\[0\]\.name/],
    [
      [{ name: 'a', version: '1', vulns: [{ id: 'X', fix_versions: '2' }] }],
      /\[0\]\.vulns\[0\]\.fix_versions/,
    ],
    [{ dependencies: 'x', fixes: [] }, /dependencies must be an array/],
  ])('rejects malformed input %#', (bad, message) => {
    expect(() => parse(bad)).toThrow(InputError);
    expect(() => parse(bad)).toThrow(message);
  });
});
