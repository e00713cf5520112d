import fs from 'fs';
import path from 'path';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { grypeParser } from './index';

const dir = path.resolve(
  __dirname,
  '../../../../../../../shared/fixtures/security',
);
const describeFixtures = fs.existsSync(dir) ? describe : describe.skip;
if (!fs.existsSync(dir)) {
  console.info(
    `Grype fixture tests skipped: ${dir} not found (inline tests in grype.test.ts still run)`,
  );
}

function load(name: string): ParsedReport {
  const document = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  expect(grypeParser.canParse(document)).toBe(true);
  return grypeParser.parse(document, {});
}

function countBy(report: ParsedReport, key: 'severity' | 'category') {
  const counts: Record<string, number> = {};
  for (const f of report.findings) counts[f[key]] = (counts[f[key]] ?? 0) + 1;
  return counts;
}

// Expected numbers were counted with python3 over `matches[]`: severity word (Negligible → info,
// Unknown → highest cvss score, none in these files → info); category 'container' for artifacts
// with an empty `language`, 'dependency' for the rest (all sources are images).
describeFixtures('grypeParser on the shared fixtures', () => {
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
    expect(countBy(report, 'severity')).toEqual({ low: 1, critical: 1 });
    expect(countBy(report, 'category')).toEqual({ container: 2 });
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
    expect(countBy(report, 'severity')).toEqual({
      critical: 5,
      high: 24,
      medium: 155,
      low: 27,
      info: 116,
    });
    expect(countBy(report, 'category')).toEqual({
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
    for (const name of fs.readdirSync(dir)) {
      let document: unknown;
      try {
        document = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      } catch {
        continue; // not JSON (the malformed SARIF)
      }
      expect([name, grypeParser.canParse(document)]).toEqual([
        name,
        name.startsWith('grype-'),
      ]);
    }
  });

  it('gives the same fingerprints when a file is parsed twice', () => {
    for (const name of ['grype-image.json', 'grype-many-vulns.json']) {
      const first = load(name).findings.map(f => f.fingerprint);
      expect(load(name).findings.map(f => f.fingerprint)).toEqual(first);
    }
  });
});
