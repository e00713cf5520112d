import { sarifParser } from './index';
import { at, Json, parse, run } from './__testUtils__/docs';

describe('sarifParser locations and targets', () => {
  const bases = (root: string) => ({
    originalUriBaseIds: {
      SRCROOT: { uri: root },
      SUB: { uri: 'src/', uriBaseId: 'SRCROOT' },
    },
  });
  const result = {
    ruleId: 'R4',
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: 'lib/a.ts', uriBaseId: 'SUB' },
          region: { startLine: 3, endLine: 5 },
        },
      },
    ],
  };

  it('resolves uriBaseId chains and uses SRCROOT as the target', () => {
    const report = parse([
      run([result], bases('file:///home/runner/work/app/')),
    ]);
    expect(report.targets).toEqual(['/home/runner/work/app']);
    expect(report.findings[0].target).toBe('/home/runner/work/app');
    expect(report.findings[0].location).toEqual({
      path: '/home/runner/work/app/src/lib/a.ts',
      startLine: 3,
      endLine: 5,
    });
  });

  it('prefers the upload target, and keeps fingerprints when the workspace moves', () => {
    const a = parse(
      [run([result], bases('file:///home/runner/work/app/'))],
      'repo:app',
    );
    const b = parse(
      [run([result], bases('file:///builds/x/app/'))],
      'repo:app',
    );
    expect(a.targets).toEqual(['repo:app']);
    expect(a.findings[0].fingerprint).toBe(b.findings[0].fingerprint);
    expect(b.findings[0].location?.path).toBe('/builds/x/app/src/lib/a.ts');
  });

  it('normalises uris and follows artifact indexes', () => {
    const { findings, targets } = parse([
      run(
        [
          at('file:///C:/dev/x.js', 1),
          at('src\\win\\b.ts', 2),
          at('my%20dir/c.ts', 3),
          {
            ruleId: 'R4',
            locations: [
              { physicalLocation: { artifactLocation: { index: 0 } } },
            ],
          },
          { ruleId: 'R4', message: { text: 'no location' } },
        ],
        { artifacts: [{ location: { uri: 'file:////src/listed.js' } }] },
      ),
    ]);
    expect(targets).toEqual(['Scanner']);
    expect(findings.map(f => f.location?.path)).toEqual([
      'C:/dev/x.js',
      'src/win/b.ts',
      'my dir/c.ts',
      '/src/listed.js',
      undefined,
    ]);
  });
});

describe('sarifParser fingerprints', () => {
  const fp = (result: Json) =>
    parse([run([{ ruleId: 'R4', ...result }])]).findings[0].fingerprint;

  it('ignores message text and snippet whitespace, and follows the snippet', () => {
    const base = fp({
      message: { text: 'at 10:00' },
      ...at('a.c', 4, 'x =  1;'),
    });
    expect(
      fp({ message: { text: 'at 11:00' }, ...at('a.c', 4, 'x =  1;') }),
    ).toBe(base);
    expect(
      fp({ message: { text: 'at 11:00' }, ...at('a.c', 9, '  x = 1; ') }),
    ).toBe(base);
    expect(fp(at('a.c', 4, 'x = 2;'))).not.toBe(base);
    expect(fp(at('b.c', 4, 'x =  1;'))).not.toBe(base);
    expect(fp(at('a.c', 4))).not.toBe(fp(at('a.c', 5)));
  });

  it("uses the tool's fingerprints with the rule and the path", () => {
    const own = {
      partialFingerprints: { primaryLocationLineHash: 'abc:1', other: 'x' },
    };
    const base = fp({ ...own, ...at('a.py', 4) });
    expect(fp({ ...own, ...at('a.py', 40) })).toBe(base);
    expect(
      fp({
        partialFingerprints: { primaryLocationLineHash: 'abc:1' },
        ...at('a.py', 4),
      }),
    ).toBe(base);
    expect(fp({ ...own, ...at('b.py', 4) })).not.toBe(base);
    expect(
      fp({ fingerprints: { 'contextHash/v1': 'abc:1' }, ...at('a.py', 4) }),
    ).not.toBe(base);
  });

  it('merges repeats and numbers same-fingerprint results on other lines', () => {
    const same = { fingerprints: { 'contextHash/v1': 'h' } };
    const { findings } = parse([
      run([
        { ruleId: 'R4', ...same, ...at('a.c', 20) },
        { ruleId: 'R4', ...same, ...at('a.c', 10) },
        { ruleId: 'R4', ...same, ...at('a.c', 20) },
      ]),
    ]);
    expect(findings.map(f => f.location?.startLine)).toEqual([20, 10]);
    expect(new Set(findings.map(f => f.fingerprint)).size).toBe(2);
    expect(findings[1].fingerprint).toBe(fp({ ...same, ...at('a.c', 10) }));
  });

  it('merges indistinguishable results (same rule, no location, no fingerprint)', () => {
    const { findings } = parse([
      run([{ ruleId: 'R4' }, { ruleId: 'R4' }, { ruleId: 'R3' }]),
    ]);
    expect(findings.map(f => f.ruleId)).toEqual(['R4', 'R3']);
  });
});

describe('sarifParser categories and packages', () => {
  const one = (tool: string, result: Json, ruleList: Json[] = []) =>
    sarifParser.parse(
      {
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: tool, rules: ruleList } },
            results: [result],
          },
        ],
      },
      {},
    ).findings[0];

  it('reads Trivy rule names, package lines and image', () => {
    const rule = {
      id: 'CVE-2021-1234',
      name: 'OsPackageVulnerability',
      properties: { aliases: ['GHSA-aaaa-bbbb-cccc', 'CVE-2021-1234'] },
    };
    const message =
      'Package: zlib\nInstalled Version: 1.2\nVulnerability CVE-2021-1234\nFixed Version: \nLink: x';
    const finding = sarifParser.parse(
      {
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'Trivy', rules: [rule] } },
            properties: { imageName: 'alpine:3.10' },
            results: [
              {
                ruleId: 'CVE-2021-1234',
                message: { text: message },
                ...at('alpine.tar', 1),
              },
            ],
          },
        ],
      },
      {},
    ).findings[0];
    expect(finding).toMatchObject({
      category: 'container',
      package: 'zlib',
      installedVersion: '1.2',
      fixedVersion: undefined,
      aliases: ['GHSA-aaaa-bbbb-cccc'],
      target: 'alpine:3.10',
      location: { path: 'alpine.tar', startLine: 1, image: 'alpine:3.10' },
    });
  });

  it('classifies secrets, misconfigurations, dependencies and code', () => {
    const pkg = {
      properties: { PkgName: 'lodash', InstalledVersion: '4.17.0' },
    };
    expect(one('gitleaks', { ruleId: 'x' }).category).toBe('secret');
    expect(one('semgrep', { ruleId: 'generic.secrets.aws-key' }).category).toBe(
      'secret',
    );
    expect(
      one('x', { ruleId: 'a' }, [
        { id: 'a', properties: { tags: ['Secrets'] } },
      ]).category,
    ).toBe('secret');
    expect(one('checkov', { ruleId: 'CKV_1' }).category).toBe(
      'misconfiguration',
    );
    expect(
      one('x', { ruleId: 'a' }, [
        { id: 'a', properties: { tags: ['misconfiguration'] } },
      ]).category,
    ).toBe('misconfiguration');
    expect(
      one('dependency-check', { ruleId: 'Prototype pollution' }).category,
    ).toBe('dependency');
    expect(one('x', { ruleId: 'CVE-2020-8203', ...pkg })).toMatchObject({
      category: 'dependency',
      package: 'lodash',
    });
    expect(one('x', { ruleId: 'CVE-2020-8203' }).category).toBe('code');
    const prose = { text: 'Package: the thing\nis outdated' };
    expect(one('x', { ruleId: 'CVE-2020-8203', message: prose })).toMatchObject(
      {
        category: 'code',
        package: undefined,
      },
    );
    expect(
      one('x', { ruleId: 'a' }, [
        { id: 'a', name: 'LanguageSpecificPackageVulnerability' },
      ]).category,
    ).toBe('dependency');
    expect(one('CodeQL', { ruleId: 'js/xss' }).category).toBe('code');
  });
});
