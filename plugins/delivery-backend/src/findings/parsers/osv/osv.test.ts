import { InputError } from '@backstage/errors';
import { osvScannerParser } from './index';

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  summary: `Summary of ${id}`,
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] },
      ],
    },
  ],
  ...extra,
});

const report = (packages: unknown[], path = '/src/package-lock.json') => ({
  results: [{ source: { path, type: 'lockfile' }, packages }],
});

const lodash = (vulnerabilities: unknown[], groups?: unknown[]) => ({
  package: { name: 'lodash', version: '4.17.20', ecosystem: 'npm' },
  vulnerabilities,
  ...(groups ? { groups } : {}),
});

const parse = (document: unknown) => osvScannerParser.parse(document, {});

describe('osvScannerParser', () => {
  it('claims osv-scanner documents only', () => {
    expect(osvScannerParser.canParse(report([]))).toBe(true);
    expect(
      osvScannerParser.canParse({ results: [], experimental_config: {} }),
    ).toBe(true);
    // semgrep and bandit reports with no results
    expect(
      osvScannerParser.canParse({ results: [], errors: [], paths: {} }),
    ).toBe(false);
    expect(
      osvScannerParser.canParse({ results: [], errors: [], metrics: {} }),
    ).toBe(false);
    expect(
      osvScannerParser.canParse({ results: [{ check_id: 'x', path: 'a.py' }] }),
    ).toBe(false);
    expect(osvScannerParser.canParse({ runs: [] })).toBe(false);
  });

  it('reads a clean source: no findings, but its target', () => {
    expect(parse(report([]))).toEqual({
      format: 'osv-scanner-json',
      tool: 'osv-scanner',
      complete: true,
      targets: ['/src/package-lock.json'],
      findings: [],
    });
  });

  it('merges a group into one finding with a CVE id and the other ids as aliases', () => {
    const { findings } = parse(
      report([
        lodash(
          [
            record('GHSA-35jh-r3h4-6jhm', {
              aliases: ['CVE-2021-23337'],
              details: 'Command injection',
            }),
            record('SNYK-JS-LODASH-1040724', { summary: undefined }),
          ],
          [
            {
              ids: ['SNYK-JS-LODASH-1040724', 'GHSA-35jh-r3h4-6jhm'],
              aliases: ['CVE-2021-23337'],
            },
          ],
        ),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'dependency',
      ruleId: 'CVE-2021-23337',
      aliases: ['GHSA-35jh-r3h4-6jhm', 'SNYK-JS-LODASH-1040724'],
      title: 'Summary of GHSA-35jh-r3h4-6jhm',
      description: 'Command injection',
      package: 'lodash',
      installedVersion: '4.17.20',
      fixedVersion: '4.17.21',
      target: '/src/package-lock.json',
    });
  });

  it('picks a GHSA id when the group has no CVE, and groups ungrouped records alone', () => {
    const { findings } = parse(
      report([
        lodash([
          record('PYSEC-2024-1', { aliases: ['GHSA-aaaa-bbbb-cccc'] }),
          record('OSV-2024-9'),
        ]),
      ]),
    );
    expect(findings.map(f => [f.ruleId, f.aliases])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', ['PYSEC-2024-1']],
      ['OSV-2024-9', undefined],
    ]);
  });

  it('picks the fixed version of the installed range, and ignores GIT commits for packages', () => {
    const affected = (versions: string[], fixed: string) => ({
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      versions,
    });
    const fixedOf = (entries: unknown[]) =>
      parse(report([lodash([record('GHSA-x', { affected: entries })])]))
        .findings[0].fixedVersion;
    expect(
      fixedOf([affected(['3.0.0'], '3.0.1'), affected(['4.17.20'], '4.17.21')]),
    ).toBe('4.17.21');
    expect(fixedOf([affected([], '3.0.1'), affected([], '4.17.21')])).toBe(
      '3.0.1, 4.17.21',
    );
    const withGit = {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [
        {
          type: 'GIT',
          repo: 'https://x',
          events: [{ introduced: '0' }, { fixed: 'e4ae01c' }],
        },
        {
          type: 'ECOSYSTEM',
          events: [{ introduced: '0' }, { fixed: '4.17.21' }],
        },
      ],
    };
    expect(fixedOf([withGit])).toBe('4.17.21');
    expect(
      fixedOf([{ ...withGit, package: { ecosystem: 'npm', name: 'other' } }]),
    ).toBeUndefined();
  });

  it('takes severity from max_severity, then database_specific, then CVSS, else info', () => {
    const severities = parse(
      report([
        lodash(
          [
            record('A-1', { database_specific: { severity: 'LOW' } }),
            record('B-1', { database_specific: { severity: 'MODERATE' } }),
            record('C-1', {
              severity: [
                {
                  type: 'CVSS_V3',
                  score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
                },
              ],
            }),
            record('D-1', {
              severity: [
                {
                  type: 'CVSS_V4',
                  score:
                    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
                },
              ],
            }),
            record('E-1', { severity: [{ type: 'Ubuntu', score: 'low' }] }),
            record('F-1'),
            record('G-1'),
          ],
          [
            { ids: ['A-1'], max_severity: '9.8' },
            { ids: ['B-1'], max_severity: '' },
            { ids: ['C-1'] },
            { ids: ['D-1'] },
            { ids: ['E-1'] },
            { ids: ['F-1'] },
            { ids: ['G-1'], max_severity: 'n/a' },
          ],
        ),
      ]),
    ).findings.map(f => f.severity);
    expect(severities).toEqual([
      'critical',
      'medium',
      'critical',
      'medium',
      'low',
      'info',
      'info',
    ]);
  });

  it('fingerprints by id, package, version and source, not by text', () => {
    const fp = (
      extra: Record<string, unknown>,
      path?: string,
      version = '4.17.20',
    ) =>
      parse(
        report(
          [
            {
              ...lodash([record('GHSA-x', extra)]),
              package: { name: 'lodash', version, ecosystem: 'npm' },
            },
          ],
          path,
        ),
      ).findings[0].fingerprint;
    const base = fp({});
    expect(fp({ summary: 'reworded', modified: '2025-01-01T00:00:00Z' })).toBe(
      base,
    );
    expect(fp({}, '/other/package-lock.json')).not.toBe(base);
    expect(fp({}, undefined, '4.17.19')).not.toBe(base);
  });

  it.each([
    [{ results: {} }, 'results must be an array'],
    [{ results: [{ packages: [] }] }, 'results[0].source.path is missing'],
    [
      { results: [{ source: { path: 'a' }, packages: {} }] },
      'results[0].packages must be an array',
    ],
    [
      report([{ vulnerabilities: [] }]),
      'results[0].packages[0].package is missing',
    ],
    [
      report([lodash([record('A-1'), { summary: 'no id' }])]),
      'results[0].packages[0].vulnerabilities[1].id is missing',
    ],
    [
      report([lodash([record('A-1')], [{ ids: [] }])]),
      'results[0].packages[0].groups[0].ids must list at least one id',
    ],
    [
      report([{ ...lodash([]), vulnerabilities: 'x' }]),
      'results[0].packages[0].vulnerabilities must be an array',
    ],
  ])('rejects malformed input naming the field (%#)', (document, message) => {
    expect(() => parse(document)).toThrow(InputError);
    expect(() => parse(document)).toThrow(
      `Invalid OSV-Scanner report: ${message}`,
    );
  });
});
