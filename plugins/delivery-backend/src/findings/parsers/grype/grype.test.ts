import { InputError } from '@backstage/errors';
import { grypeParser } from './index';

const match = (
  vulnerability: Record<string, unknown>,
  artifact: Record<string, unknown> = {},
) => ({
  vulnerability: { id: 'CVE-2024-0001', severity: 'High', ...vulnerability },
  relatedVulnerabilities: [],
  artifact: {
    name: 'openssl',
    version: '3.0.1',
    language: '',
    locations: [{ path: '/lib/apk/db/installed', layerID: 'sha256:l1' }],
    ...artifact,
  },
});

const image = (matches: unknown, extra: Record<string, unknown> = {}) => ({
  matches,
  source: {
    type: 'image',
    target: { userInput: 'app:1', imageID: 'sha256:x' },
  },
  descriptor: { name: 'grype', version: '0.80.0' },
  ...extra,
});

const parse = (document: unknown, defaultTarget?: string) =>
  grypeParser.parse(document, { defaultTarget });

describe('grypeParser', () => {
  it('claims grype documents only', () => {
    expect(grypeParser.canParse(image([]))).toBe(true);
    expect(grypeParser.canParse({ matches: [], descriptor: {} })).toBe(true);
    expect(grypeParser.canParse({ matches: [] })).toBe(false);
    expect(grypeParser.canParse({ matches: {}, source: {} })).toBe(false);
    expect(grypeParser.canParse({ SchemaVersion: 2, Results: [] })).toBe(false);
    expect(grypeParser.canParse([])).toBe(false);
  });

  it('reads a clean scan: no findings, but its target', () => {
    expect(parse(image([]))).toEqual({
      format: 'grype-json',
      tool: 'grype',
      toolVersion: '0.80.0',
      complete: true,
      targets: ['app:1'],
      findings: [],
    });
  });

  it('maps Title-case severities, Negligible, and Unknown through CVSS', () => {
    const severities = parse(
      image([
        match({ severity: 'Critical' }),
        match({ severity: 'Medium' }),
        match({ severity: 'Negligible' }),
        match({
          severity: 'Unknown',
          cvss: [
            { metrics: { baseScore: 5.5 } },
            { metrics: { baseScore: 9.1 } },
          ],
        }),
        match({ severity: 'Unknown', cvssV2: { baseScore: 7.5 } }),
        match({
          severity: 'Unknown',
          cvssV3: { baseScore: 3.1 },
          cvssV2: { baseScore: 7.5 },
        }),
        match({ severity: 'Unknown' }),
      ]),
    ).findings.map(f => f.severity);
    expect(severities).toEqual([
      'critical',
      'medium',
      'info',
      'critical',
      'high',
      'low',
      'info',
    ]);
  });

  it('reads the fixed version, aliases, references and location', () => {
    const [fixed, notFixed, old] = parse(
      image([
        match({
          fix: { versions: ['3.0.2', '3.1.0'], state: 'fixed' },
          urls: ['https://a.example'],
          dataSource: 'https://nvd.example',
        }),
        match({ fix: { versions: ['3.0.2'], state: 'wont-fix' } }),
        match({ fixedInVersion: '3.0.3', links: ['https://b.example'] }),
      ]),
    ).findings;
    expect(fixed).toMatchObject({
      fixedVersion: '3.0.2',
      references: ['https://a.example', 'https://nvd.example'],
      location: {
        path: '/lib/apk/db/installed',
        image: 'app:1',
        layer: 'sha256:l1',
      },
    });
    expect(notFixed.fixedVersion).toBeUndefined();
    expect(old).toMatchObject({
      fixedVersion: '3.0.3',
      references: ['https://b.example'],
    });

    const withAliases = parse(
      image([
        {
          ...match({ id: 'GHSA-aaaa-bbbb-cccc' }),
          relatedVulnerabilities: [
            { id: 'CVE-2024-0002', description: 'From NVD' },
            { id: 'GHSA-aaaa-bbbb-cccc' },
          ],
        },
      ]),
    ).findings[0];
    expect(withAliases).toMatchObject({
      ruleId: 'GHSA-aaaa-bbbb-cccc',
      aliases: ['CVE-2024-0002'],
      description: 'From NVD',
    });
  });

  it('categorises OS packages of an image as container, the rest as dependency', () => {
    const categories = (document: unknown) =>
      parse(document).findings.map(f => f.category);
    const matches = [
      match({}),
      match({}, { name: 'lodash', type: 'npm', language: 'javascript' }),
    ];
    expect(categories(image(matches))).toEqual(['container', 'dependency']);
    const dir = image(matches, {
      source: { type: 'directory', target: '/src' },
    });
    expect(categories(dir)).toEqual(['dependency', 'dependency']);
    expect(parse(dir).targets).toEqual(['/src']);
  });

  it('falls back to the upload target when the report names none', () => {
    const document = {
      matches: [match({})],
      descriptor: { version: '[not provided]' },
    };
    const report = parse(document, 'team/app');
    expect(report.targets).toEqual(['team/app']);
    expect(report.toolVersion).toBeUndefined();
    expect(() => parse(document)).toThrow(
      'Invalid Grype report: source.target is missing and the upload names no target',
    );
  });

  it('fingerprints by id, package, version, target and path, not by text', () => {
    const fp = (
      vulnerability: Record<string, unknown>,
      artifact: Record<string, unknown> = {},
    ) => parse(image([match(vulnerability, artifact)])).findings[0].fingerprint;
    const base = fp({});
    expect(fp({ description: 'changed', severity: 'Low', urls: ['x'] })).toBe(
      base,
    );
    expect(fp({ id: 'CVE-2024-0002' })).not.toBe(base);
    expect(fp({}, { version: '3.0.2' })).not.toBe(base);
    expect(fp({}, { locations: [{ path: '/other' }] })).not.toBe(base);
  });

  it('keeps ignoredMatches as findings suppressed in the report', () => {
    const report = parse(
      image([match({})], {
        ignoredMatches: [
          {
            ...match({ id: 'CVE-2024-0003' }),
            appliedIgnoreRules: [
              { vulnerability: 'CVE-2024-0003', reason: 'not reachable' },
            ],
          },
          {
            ...match({ id: 'CVE-2024-0004' }),
            appliedIgnoreRules: [{ 'vex-status': 'not_affected' }],
          },
        ],
      }),
    );
    expect(report.findings.map(f => f.suppression)).toEqual([
      undefined,
      { kind: 'external', justification: 'not reachable' },
      { kind: 'external', justification: 'VEX not_affected' },
    ]);
  });

  it.each([
    [image({}), 'matches must be an array'],
    [
      image([
        match({}),
        { vulnerability: { severity: 'High' }, artifact: { name: 'x' } },
      ]),
      'matches[1].vulnerability.id is missing',
    ],
    [
      image([{ artifact: { name: 'x' } }]),
      'matches[0].vulnerability is missing',
    ],
    [
      image([{ vulnerability: { id: 'CVE-1' } }]),
      'matches[0].artifact is missing',
    ],
    [image([match({}, { name: '' })]), 'matches[0].artifact.name is missing'],
    [image(['x']), 'matches[0] must be an object'],
    [image([], { ignoredMatches: 'x' }), 'ignoredMatches must be an array'],
  ])('rejects malformed input naming the field (%#)', (document, message) => {
    expect(() => parse(document)).toThrow(InputError);
    expect(() => parse(document)).toThrow(`Invalid Grype report: ${message}`);
  });
});
