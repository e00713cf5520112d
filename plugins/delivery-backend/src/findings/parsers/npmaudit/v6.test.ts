import { InputError } from '@backstage/errors';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { npmAuditParser } from '.';

const parse = (doc: unknown, defaultTarget?: string): ParsedReport =>
  npmAuditParser.parse(doc, { defaultTarget });

describe('npmAuditParser (npm 6)', () => {
  const v6Advisory = {
    id: 118,
    module_name: 'minimist',
    severity: 'low',
    title: 'Prototype Pollution',
    url: 'https://npmjs.com/advisories/118',
    cves: ['CVE-2020-7598'],
    patched_versions: '>=0.2.1 <1.0.0 || >=1.2.3',
    findings: [
      { version: '0.0.8', paths: ['mkdirp>minimist'] },
      { version: '1.2.0', paths: ['minimist'] },
    ],
  };
  const v6 = (advisories: Record<string, unknown>) => ({
    actions: [],
    advisories,
    muted: [],
    metadata: {},
  });

  it('gives one finding per installed version, the CVE as ruleId without a GHSA', () => {
    const report = parse(v6({ 118: v6Advisory }));
    expect(report.format).toBe('npm-audit-v6');
    expect(
      report.findings.map(f => [f.ruleId, f.installedVersion, f.severity]),
    ).toEqual([
      ['CVE-2020-7598', '0.0.8', 'low'],
      ['CVE-2020-7598', '1.2.0', 'low'],
    ]);
    // not a plain >=x.y.z
    expect(report.findings[0].fixedVersion).toBeUndefined();
    expect(report.findings[0].aliases).toBeUndefined();
    expect(report.findings[0].fingerprint).not.toBe(
      report.findings[1].fingerprint,
    );
  });

  it('falls back to npm-<id>', () => {
    const report = parse(v6({ 7: { ...v6Advisory, id: 7, cves: [] } }));
    expect(report.findings[0].ruleId).toBe('npm-7');
  });

  it('reads a clean legacy report', () => {
    expect(parse(v6({}))).toMatchObject({ complete: true, findings: [] });
  });

  it.each([
    [
      v6({ 1: { ...v6Advisory, module_name: undefined } }),
      /advisories\["1"\]\.module_name/,
    ],
    [
      v6({ 1: { ...v6Advisory, findings: undefined } }),
      /advisories\["1"\]\.findings must be an array/,
    ],
    [
      v6({ 1: { ...v6Advisory, findings: [{ paths: [] }] } }),
      /advisories\["1"\]\.findings\[0\]\.version/,
    ],
    [v6({ 1: { ...v6Advisory, cves: 'CVE-1' } }), /advisories\["1"\]\.cves/],
    [
      { actions: [], advisories: [], muted: [] },
      /advisories must be an object/,
    ],
  ])('rejects malformed input %#', (bad, message) => {
    expect(() => parse(bad)).toThrow(InputError);
    expect(() => parse(bad)).toThrow(message);
  });
});
