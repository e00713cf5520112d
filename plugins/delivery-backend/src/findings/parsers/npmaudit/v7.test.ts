import { InputError } from '@backstage/errors';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { npmAuditParser } from '.';

const parse = (doc: unknown, defaultTarget?: string): ParsedReport =>
  npmAuditParser.parse(doc, { defaultTarget });

const advisory = (over: Record<string, unknown> = {}) => ({
  source: 1001,
  name: 'lodash',
  dependency: 'lodash',
  title: 'Prototype pollution',
  url: 'https://github.com/advisories/GHSA-p6mc-m468-83gw',
  severity: 'moderate',
  range: '<4.17.19',
  ...over,
});
const v7 = (vulnerabilities: Record<string, unknown>) => ({
  auditReportVersion: 2,
  vulnerabilities,
  metadata: {},
});

describe('npmAuditParser (npm >= 7)', () => {
  it('maps moderate to medium and a same-package fix', () => {
    const report = parse(
      v7({
        lodash: {
          name: 'lodash',
          via: [advisory()],
          fixAvailable: {
            name: 'lodash',
            version: '4.17.21',
            isSemVerMajor: false,
          },
        },
      }),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'medium',
        ruleId: 'GHSA-p6mc-m468-83gw',
        package: 'lodash',
        fixedVersion: '4.17.21',
      }),
    ]);
  });

  it('uses npm-<source> without a GHSA url, and info severity', () => {
    const report = parse(
      v7({
        a: {
          name: 'a',
          via: [advisory({ name: 'a', url: undefined, severity: 'info' })],
          fixAvailable: true,
        },
      }),
    );
    expect(report.findings[0]).toMatchObject({
      ruleId: 'npm-1001',
      severity: 'info',
      fixedVersion: undefined,
    });
  });

  it('reads a clean report', () => {
    const clean = v7({});
    expect(npmAuditParser.canParse(clean)).toBe(true);
    expect(parse(clean)).toMatchObject({
      complete: true,
      findings: [],
      targets: ['package-lock.json'],
    });
  });

  it('keeps fingerprints stable and specific', () => {
    const base = parse(v7({ lodash: { name: 'lodash', via: [advisory()] } }));
    const again = parse(
      v7({
        lodash: {
          name: 'lodash',
          via: [advisory({ title: 'Reworded', range: '<5' })],
          nodes: ['x'],
        },
      }),
    );
    expect(again.findings[0].fingerprint).toBe(base.findings[0].fingerprint);
    const other = parse(
      v7({ lodash: { name: 'lodash', via: [advisory()] } }),
      'b/package-lock.json',
    );
    expect(other.findings[0].fingerprint).not.toBe(
      base.findings[0].fingerprint,
    );
  });

  it.each([
    [
      { auditReportVersion: 3, vulnerabilities: {} },
      /auditReportVersion 3 is not supported/,
    ],
    [
      { auditReportVersion: 2, vulnerabilities: [] },
      /vulnerabilities must be an object/,
    ],
    [v7({ a: { via: 'b' } }), /vulnerabilities\["a"\]\.via must be an array/],
    [
      v7({ a: { via: [advisory({ severity: 'urgent' })] } }),
      /vulnerabilities\["a"\]\.via\[0\]\.severity/,
    ],
    [v7({ a: { via: [advisory({ source: undefined })] } }), /via\[0\]\.source/],
    [v7({ a: { via: [42] } }), /via\[0\] must be an advisory object/],
  ])('rejects malformed input %#', (bad, message) => {
    expect(() => parse(bad)).toThrow(InputError);
    expect(() => parse(bad)).toThrow(message);
  });
});
