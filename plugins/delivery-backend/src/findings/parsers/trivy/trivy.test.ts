import { trivyParser } from './index';
import { parse, report, vuln } from './__testUtils__/reports';

describe('trivyParser.canParse', () => {
  it('claims the three Trivy shapes', () => {
    expect(trivyParser.canParse(report([]))).toBe(true);
    expect(trivyParser.canParse({ SchemaVersion: 2, ArtifactName: '.' })).toBe(
      true,
    );
    expect(trivyParser.canParse([{ Target: 'x', Type: 'npm' }])).toBe(true);
    expect(
      trivyParser.canParse({ ClusterName: 'c', Misconfigurations: [] }),
    ).toBe(true);
  });

  it('leaves other formats, null and [] alone', () => {
    expect(trivyParser.canParse(null)).toBe(false);
    expect(trivyParser.canParse([])).toBe(false);
    expect(
      trivyParser.canParse([{ name: 'flask', version: '1', vulns: [] }]),
    ).toBe(false);
    expect(trivyParser.canParse({ version: '2.1.0', runs: [] })).toBe(false);
    expect(trivyParser.canParse({ matches: [], source: {} })).toBe(false);
    expect(trivyParser.canParse({ results: [] })).toBe(false);
    expect(trivyParser.canParse('null')).toBe(false);
  });
});

describe('trivyParser.parse', () => {
  it('reads a clean scan: no findings, but its target', () => {
    const r = parse(
      report([{ Target: 'app (debian 12)', Class: 'os-pkgs', Type: 'debian' }]),
    );
    expect(r).toEqual({
      format: 'trivy-json',
      tool: 'trivy',
      complete: true,
      targets: ['app (debian 12)'],
      findings: [],
    });
  });

  it('treats null, a missing Results and Results: null as complete scans with no target', () => {
    for (const document of [null, report(undefined), report(null)]) {
      expect(parse(document)).toMatchObject({
        complete: true,
        targets: [],
        findings: [],
      });
    }
  });

  it('maps UNKNOWN severity from VendorSeverity, then CVSS, else info', () => {
    const r = parse(
      report([
        {
          Target: 't',
          Class: 'os-pkgs',
          Vulnerabilities: [
            vuln({
              Severity: 'UNKNOWN',
              VendorSeverity: { nvd: 0, redhat: 3, ubuntu: 1 },
            }),
            vuln({
              Severity: 'UNKNOWN',
              PkgName: 'b',
              CVSS: { nvd: { V2Score: 5, V3Score: 9.8 } },
            }),
            vuln({
              Severity: 'UNKNOWN',
              PkgName: 'c',
              CVSS: { ghsa: { V40Score: 2.1 } },
            }),
            vuln({ Severity: 'UNKNOWN', PkgName: 'd' }),
            vuln({
              Severity: 'CRITICAL',
              PkgName: 'e',
              VendorSeverity: { nvd: 1 },
            }),
          ],
        },
      ]),
    );
    expect(r.findings.map(f => f.severity)).toEqual([
      'high',
      'critical',
      'low',
      'info',
      'critical',
    ]);
  });

  it('reads package, versions, aliases and location of a vulnerability', () => {
    const r = parse(
      report([
        {
          Target: 'app (debian 12)',
          Class: 'os-pkgs',
          Vulnerabilities: [
            vuln({
              FixedVersion: '1.0.1',
              VendorIDs: ['DSA-1-1'],
              Layer: { DiffID: 'sha256:abc' },
              PrimaryURL: 'https://avd.example/cve',
              References: ['https://avd.example/cve', 'https://nvd.example'],
            }),
          ],
        },
      ]),
    );
    expect(r.findings[0]).toMatchObject({
      category: 'container',
      severity: 'high',
      ruleId: 'CVE-2024-0001',
      aliases: ['DSA-1-1'],
      title: 'CVE-2024-0001',
      package: 'openssl',
      installedVersion: '1.0.0',
      fixedVersion: '1.0.1',
      location: { image: 'registry.example/app:1', layer: 'sha256:abc' },
      target: 'app (debian 12)',
      references: ['https://avd.example/cve', 'https://nvd.example'],
    });
  });

  it('categorises by class and artifact type', () => {
    const results = [
      {
        Target: 'os (alpine 3.19)',
        Class: 'os-pkgs',
        Vulnerabilities: [vuln()],
      },
      {
        Target: 'app/package-lock.json',
        Class: 'lang-pkgs',
        Vulnerabilities: [vuln()],
      },
    ];
    const image = parse(report(results)).findings;
    expect(image.map(f => f.category)).toEqual(['container', 'dependency']);
    expect(image[1].location).toEqual({
      path: 'app/package-lock.json',
      image: 'registry.example/app:1',
    });
    const fsScan = parse(
      report(results, { ArtifactType: 'filesystem' }),
    ).findings;
    expect(fsScan.map(f => f.category)).toEqual(['dependency', 'dependency']);
    // legacy results without Class: the OS Type decides
    const legacy = parse([
      {
        Target: 'alpine:3.10 (alpine 3.10.2)',
        Type: 'alpine',
        Vulnerabilities: [vuln()],
      },
      { Target: 'Gemfile.lock', Type: 'bundler', Vulnerabilities: [vuln()] },
    ]).findings;
    expect(legacy.map(f => f.category)).toEqual(['container', 'dependency']);
    expect(legacy[0].location?.image).toBe('alpine:3.10');
  });

  it('fingerprints by package path, target and version, and never by text', () => {
    const fp = (extra: Record<string, unknown>, target = 'Java') =>
      parse(
        report([
          {
            Target: target,
            Class: 'lang-pkgs',
            Vulnerabilities: [vuln(extra)],
          },
        ]),
      ).findings[0].fingerprint;
    const base = fp({ PkgPath: 'a.jar' });
    expect(
      fp({ PkgPath: 'a.jar', Title: 'new title', Description: 'edited' }),
    ).toBe(base);
    expect(fp({ PkgPath: 'b.jar' })).not.toBe(base);
    expect(fp({ PkgPath: 'a.jar', InstalledVersion: '1.0.1' })).not.toBe(base);
    expect(fp({ PkgPath: 'a.jar' }, 'Other')).not.toBe(base);
  });
});
