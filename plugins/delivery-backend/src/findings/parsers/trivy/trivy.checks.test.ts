import { parse, report, vuln } from './__testUtils__/reports';

describe('trivyParser.parse: misconfigurations, secrets, licenses, k8s', () => {
  it('reads misconfigurations: skips PASS, keeps exceptions as suppressed, survives line shifts', () => {
    const check = (line: number, extra: Record<string, unknown> = {}) => ({
      ID: 'KSV001',
      AVDID: 'AVD-KSV-0001',
      Title: 'Privilege escalation',
      Severity: 'MEDIUM',
      Status: 'FAIL',
      CauseMetadata: { StartLine: line, EndLine: line + 3 },
      ...extra,
    });
    const parseAt = (offset: number) =>
      parse(
        report([
          {
            Target: 'deploy.yaml',
            Class: 'config',
            Misconfigurations: [
              check(30 + offset),
              check(10 + offset),
              check(5, { ID: 'KSV002', Status: 'PASS' }),
              check(50 + offset, { ID: 'KSV003', Status: 'EXCEPTION' }),
            ],
          },
        ]),
      ).findings;
    const before = parseAt(0);
    expect(before.map(f => f.ruleId)).toEqual(['KSV001', 'KSV001', 'KSV003']);
    expect(before[0]).toMatchObject({
      category: 'misconfiguration',
      aliases: ['AVD-KSV-0001'],
      location: { path: 'deploy.yaml', startLine: 30, endLine: 33 },
    });
    expect(before[0].fingerprint).not.toBe(before[1].fingerprint);
    expect(before[2].suppression).toEqual({
      kind: 'external',
      justification: 'Trivy policy exception',
    });
    expect(parseAt(7).map(f => f.fingerprint)).toEqual(
      before.map(f => f.fingerprint),
    );
  });

  it('fingerprints secrets by rule, target and line, without the match', () => {
    const secret = (line: number, match: string) => ({
      RuleID: 'github-pat',
      Severity: 'CRITICAL',
      Title: 'GitHub PAT',
      StartLine: line,
      EndLine: line,
      Match: match,
    });
    const fps = parse(
      report([
        {
          Target: 'env.sh',
          Class: 'secret',
          Secrets: [
            secret(3, 'x=****'),
            secret(3, 'x=*****'),
            secret(4, 'x=****'),
          ],
        },
      ]),
    ).findings.map(f => f.fingerprint);
    expect(fps[0]).toBe(fps[1]);
    expect(fps[2]).not.toBe(fps[0]);
  });

  it('reads license findings of packages and loose files', () => {
    const r = parse(
      report([
        {
          Target: 'OS Packages',
          Class: 'license',
          Licenses: [
            {
              Severity: 'HIGH',
              Category: 'restricted',
              PkgName: 'bash',
              FilePath: '',
              Name: 'GPL-3.0',
            },
            {
              Severity: 'UNKNOWN',
              PkgName: '',
              FilePath: '/LICENSE',
              Name: 'Custom',
            },
          ],
        },
      ]),
    );
    expect(
      r.findings.map(f => [f.ruleId, f.package, f.severity, f.title]),
    ).toEqual([
      ['GPL-3.0', 'bash', 'high', 'License GPL-3.0 in bash'],
      ['Custom', undefined, 'info', 'License Custom in /LICENSE'],
    ]);
    expect(r.findings[0].description).toBe('License category: restricted');
  });

  it('prefixes k8s targets with the resource, and lists clean resources', () => {
    const r = parse({
      ClusterName: 'c',
      Resources: [
        {
          Namespace: 'prod',
          Kind: 'Deployment',
          Name: 'web',
          Results: [
            {
              Target: 'nginx:1 (debian 12)',
              Class: 'os-pkgs',
              Vulnerabilities: [vuln()],
            },
          ],
        },
        {
          Kind: 'ClusterRole',
          Name: 'admin',
          Results: [{ Target: 'ClusterRole/admin', Class: 'config' }],
        },
      ],
    });
    expect(r.targets).toEqual([
      'prod/Deployment/web: nginx:1 (debian 12)',
      'ClusterRole/admin: ClusterRole/admin',
    ]);
    expect(r.findings[0]).toMatchObject({
      category: 'container',
      location: { image: 'nginx:1' },
    });
  });
});
