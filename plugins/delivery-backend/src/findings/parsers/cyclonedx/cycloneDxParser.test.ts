import { InputError } from '@backstage/errors';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { cycloneDxParser } from '.';
import {
  countBy,
  describeSecurityFixtures,
  otherJsonFixtures,
  readSecurityFixture,
} from '../__testUtils__/securityFixtures';

const parse = (doc: unknown, defaultTarget?: string): ParsedReport =>
  cycloneDxParser.parse(doc, { defaultTarget });

describeSecurityFixtures('cycloneDxParser on fixtures', () => {
  it('reads cyclonedx-1.7-trivy-npm-vulns.json (tools as an object)', () => {
    const doc = readSecurityFixture('cyclonedx-1.7-trivy-npm-vulns.json');
    expect(cycloneDxParser.canParse(doc)).toBe(true);
    const report = parse(doc);
    expect(report).toMatchObject({
      format: 'cyclonedx-1.7',
      tool: 'trivy',
      toolVersion: 'dev',
      complete: true,
      targets: ['testdata/fixtures/repo/npm'],
    });
    // jq '.vulnerabilities | length' == 1; ratings are 10 x medium and 1 x low
    expect(report.findings).toHaveLength(1);
    expect(countBy(report.findings, 'severity')).toEqual({ medium: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2019-11358',
      category: 'dependency',
      package: 'jquery',
      installedVersion: '3.3.9',
      // recommendation "Upgrade jquery to version 3.4.0"
      fixedVersion: '3.4.0',
    });
    expect(report.findings[0].suppression).toBeUndefined();
    expect(report.findings[0].references).toContain(
      'https://github.com/advisories/GHSA-6c3j-c64m-qhgq',
    );
  });

  it('reads cyclonedx-1.4-grype-log4j.json (tools as an array)', () => {
    const report = parse(readSecurityFixture('cyclonedx-1.4-grype-log4j.json'));
    expect(report).toMatchObject({
      format: 'cyclonedx-1.4',
      tool: 'grype',
      toolVersion: '0.41.0',
      complete: true,
      targets: [
        './configuration/.m2/repository/org/apache/logging/log4j/log4j-core/2.13.2',
      ],
    });
    // python3: 8 vulnerabilities, each with one affects ref; rating words
    // critical x4 (CVE-2021-44228, -45046, GHSA-7rjr, GHSA-jfh8), high x1, medium x3
    expect(report.findings).toHaveLength(8);
    expect(countBy(report.findings, 'severity')).toEqual({
      critical: 4,
      high: 1,
      medium: 3,
    });
    // analysis.state is in_triage: not suppressed
    expect(report.findings.filter(f => f.suppression)).toHaveLength(0);
    expect(
      report.findings.find(f => f.ruleId === 'CVE-2021-44228'),
    ).toMatchObject({
      severity: 'critical',
      package: 'log4j-core',
      installedVersion: '2.13.2',
      fixedVersion: undefined,
    });
  });

  it('reads cyclonedx-1.4-spec-valid-vulnerability.json (not_affected)', () => {
    const report = parse(
      readSecurityFixture('cyclonedx-1.4-spec-valid-vulnerability.json'),
    );
    // no metadata: no tool, no subject
    expect(report).toMatchObject({
      tool: 'cyclonedx',
      complete: true,
      targets: ['.'],
    });
    expect(report.findings).toHaveLength(1);
    expect(countBy(report.findings, 'severity')).toEqual({ critical: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111',
      aliases: ['CVE-2018-7489'],
      package: 'com.fasterxml.jackson.core:jackson-databind',
      installedVersion: '2.9.4',
      // the recommendation names three versions
      fixedVersion: undefined,
      suppression: {
        kind: 'vex:not_affected',
        justification:
          'code_not_reachable: An optional explanation of why the application is not affected by the vulnerable component.',
      },
    });
  });

  it('reads cyclonedx-vex-cisa-case2.json (VEX, refs to metadata.component)', () => {
    const report = parse(readSecurityFixture('cyclonedx-vex-cisa-case2.json'));
    expect(report).toMatchObject({
      tool: 'cyclonedx',
      complete: true,
      targets: ['ABC@4.2'],
    });
    // jq: 19 vulnerabilities, all rated "none", all analysis.state not_affected, ref product-ABC
    expect(report.findings).toHaveLength(19);
    expect(countBy(report.findings, 'severity')).toEqual({ info: 19 });
    expect(
      report.findings.every(f => f.suppression?.kind === 'vex:not_affected'),
    ).toBe(true);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'CVE-2020-11896',
      package: 'ABC',
      installedVersion: '4.2',
    });
    expect(report.findings[0].suppression?.justification).toMatch(
      /^code_not_reachable: This version of Product ABC is not affected/,
    );
  });

  it.each(otherJsonFixtures('cyclonedx-'))('does not claim %s', name => {
    expect(cycloneDxParser.canParse(readSecurityFixture(name))).toBe(false);
  });
});

const cdx = (vulnerabilities: unknown, over: Record<string, unknown> = {}) => ({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  vulnerabilities,
  ...over,
});
const vuln = (over: Record<string, unknown> = {}) => ({
  id: 'CVE-2024-1234',
  affects: [{ ref: 'pkg:npm/a@1.0.0' }],
  ...over,
});

describe('cycloneDxParser', () => {
  it('rejects an SBOM without vulnerabilities and unsupported versions', () => {
    const sbom = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [] };
    expect(() => parse(sbom)).toThrow(InputError);
    expect(() => parse(sbom)).toThrow(
      'CycloneDX document has no vulnerabilities: upload a vulnerability report (e.g. trivy --format cyclonedx --scanners vuln)',
    );
    expect(() => parse(cdx([], { specVersion: '1.3' }))).toThrow(
      /specVersion "1.3" is not supported/,
    );
    expect(() => parse(cdx([], { specVersion: undefined }))).toThrow(
      /specVersion is missing/,
    );
  });

  it.each([
    [cdx([], { vulnerabilities: {} }), /vulnerabilities must be an array/],
    [cdx([vuln({ id: undefined })]), /vulnerabilities\[0\]\.id/],
    [
      cdx([vuln(), vuln({ affects: [{}] })]),
      /vulnerabilities\[1\]\.affects\[0\]\.ref/,
    ],
    [
      cdx([vuln({ affects: 'x' })]),
      /vulnerabilities\[0\]\.affects must be an array/,
    ],
    [
      cdx([vuln({ ratings: 'high' })]),
      /vulnerabilities\[0\]\.ratings must be an array/,
    ],
    [
      cdx([vuln({ ratings: ['high'] })]),
      /vulnerabilities\[0\]\.ratings\[0\] must be an object/,
    ],
    [cdx([], { components: {} }), /components must be an array/],
    [cdx([], { metadata: { component: 'app' } }), /metadata\.component must/],
    [
      cdx([], { components: [{ components: [null] }] }),
      /components\[0\]\.components\[0\] must be an object/,
    ],
  ])('rejects malformed input %#', (bad, message) => {
    expect(() => parse(bad)).toThrow(InputError);
    expect(() => parse(bad)).toThrow(message);
  });

  it('does not claim other documents', () => {
    expect(cycloneDxParser.canParse({ spdxVersion: 'SPDX-2.3' })).toBe(false);
    expect(cycloneDxParser.canParse({ bomFormat: 'cyclonedx' })).toBe(false);
    expect(cycloneDxParser.canParse([])).toBe(false);
  });
});
