import { InputError } from '@backstage/errors';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { banditParser } from '.';
import { normaliseBanditSnippet } from './banditParser';
import {
  describeSecurityFixtures,
  otherJsonFixtures,
  readSecurityFixture,
} from '../__testUtils__/securityFixtures';

const parse = (doc: unknown, defaultTarget?: string): ParsedReport =>
  banditParser.parse(doc, { defaultTarget });

describeSecurityFixtures('banditParser on fixtures', () => {
  it('reads bandit-json-one.json', () => {
    const doc = readSecurityFixture('bandit-json-one.json');
    expect(banditParser.canParse(doc)).toBe(true);
    const report = parse(doc);
    expect(report).toMatchObject({
      format: 'bandit-json',
      tool: 'bandit',
      complete: true,
      targets: ['.'],
    });
    // jq '.results | length' == 1, issue_severity LOW; errors == []
    expect(report.findings).toHaveLength(1);
    expect(report.findings.map(f => f.severity)).toEqual(['low']);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'B101',
      category: 'code',
      title:
        'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.',
      location: { path: 'one/one.py', startLine: 2 },
      references: [
        'https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html',
      ],
      target: '.',
    });
    expect(report.findings[0].description).toContain('assert_used');
  });

  it.each(otherJsonFixtures('bandit-'))('does not claim %s', name => {
    expect(banditParser.canParse(readSecurityFixture(name))).toBe(false);
  });
});

const result = (over: Record<string, unknown> = {}) => ({
  code: '9 def f():\n10     password = "hunter2"\n11     return password\n',
  filename: 'app/settings.py',
  issue_confidence: 'MEDIUM',
  issue_cwe: {
    id: 259,
    link: 'https://cwe.mitre.org/data/definitions/259.html',
  },
  issue_severity: 'LOW',
  issue_text: "Possible hardcoded password: 'hunter2'",
  line_number: 10,
  line_range: [10],
  more_info:
    'https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html',
  test_id: 'B105',
  test_name: 'hardcoded_password_string',
  ...over,
});
const report = (results: unknown[], errors: unknown[] = []) => ({
  errors,
  generated_at: '2024-01-01T00:00:00Z',
  metrics: { _totals: {} },
  results,
});

describe('banditParser', () => {
  it('maps a result', () => {
    const parsed = parse(report([result()]), 'services/api');
    expect(parsed.targets).toEqual(['services/api']);
    expect(parsed.findings[0]).toMatchObject({
      ruleId: 'B105',
      severity: 'low',
      location: { path: 'app/settings.py', startLine: 10 },
      references: [
        'https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html',
        'https://cwe.mitre.org/data/definitions/259.html',
      ],
      target: 'services/api',
    });
    expect(parsed.findings[0].description).toBe(
      'hardcoded_password_string; CWE-259; confidence MEDIUM',
    );
  });

  it('maps HIGH/MEDIUM/UNDEFINED severities', () => {
    const parsed = parse(
      report([
        result({ issue_severity: 'HIGH' }),
        result({ issue_severity: 'MEDIUM', test_id: 'B106' }),
        result({ issue_severity: 'UNDEFINED', test_id: 'B107' }),
      ]),
    );
    expect(parsed.findings.map(f => f.severity)).toEqual([
      'high',
      'medium',
      'info',
    ]);
  });

  it('reads a clean scan', () => {
    expect(parse(report([]))).toMatchObject({ complete: true, findings: [] });
  });

  it('is incomplete when Bandit could not read files, naming them', () => {
    const parsed = parse(
      report(
        [result()],
        [
          {
            filename: 'broken.py',
            reason: 'syntax error while parsing AST from file',
          },
        ],
      ),
    );
    expect(parsed.complete).toBe(false);
    expect(parsed.incompleteReason).toBe(
      'Bandit could not scan 1 file(s): broken.py (syntax error while parsing AST from file)',
    );
    expect(parsed.findings).toHaveLength(1);
  });

  it('keeps the fingerprint when the code moves or is re-indented', () => {
    const [base] = parse(report([result()])).findings;
    const moved = result({
      code: '41 class C:\n42   password  =  "hunter2"\n43 \n',
      line_number: 42,
      line_range: [42],
      issue_text: 'reworded',
    });
    expect(parse(report([moved])).findings[0].fingerprint).toBe(
      base.fingerprint,
    );
    const changed = result({ code: '10     password = "other"\n' });
    expect(parse(report([changed])).findings[0].fingerprint).not.toBe(
      base.fingerprint,
    );
    expect(parse(report([result()]), 'other').findings[0].fingerprint).not.toBe(
      base.fingerprint,
    );
  });

  it('tells identical issues in one file apart', () => {
    const parsed = parse(
      report([
        result(),
        result({
          line_number: 20,
          line_range: [20],
          code: '20     password = "hunter2"\n',
        }),
      ]),
    );
    const [a, b] = parsed.findings.map(f => f.fingerprint);
    expect(a).not.toBe(b);
    expect(a).toBe(parse(report([result()])).findings[0].fingerprint);
  });

  it('falls back to the line when there is no snippet', () => {
    const a = parse(report([result({ code: undefined })])).findings[0];
    const b = parse(
      report([result({ code: undefined, line_number: 11, line_range: [11] })]),
    ).findings[0];
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it('normalises snippets', () => {
    expect(normaliseBanditSnippet('1 import os\n2 assert False\n', [2])).toBe(
      'assert False',
    );
    expect(normaliseBanditSnippet('3\tx  =  1\n4\ty = 2\n', [7])).toBe(
      'x = 1\ny = 2',
    );
    expect(normaliseBanditSnippet('  plain   code ', [1])).toBe('plain code');
    expect(normaliseBanditSnippet('', [1])).toBeUndefined();
  });

  it('does not claim other documents', () => {
    expect(banditParser.canParse({ results: [], errors: [] })).toBe(false);
    expect(banditParser.canParse({ metrics: {} })).toBe(false);
    expect(banditParser.canParse([])).toBe(false);
  });

  it.each([
    [{ ...report([]), results: null }, /results must be an array/],
    [report([], 'oops' as unknown as unknown[]), /errors must be an array/],
    [report([result({ test_id: undefined })]), /results\[0\]\.test_id/],
    [report([result({ line_number: '10' })]), /results\[0\]\.line_number/],
    [report([result({ issue_severity: 3 })]), /results\[0\]\.issue_severity/],
    [
      report([result(), result({ line_range: 'x' })]),
      /results\[1\]\.line_range/,
    ],
    [report(['B101']), /results\[0\] must be an object/],
  ])('rejects malformed input %#', (bad, message) => {
    expect(() => parse(bad)).toThrow(InputError);
    expect(() => parse(bad)).toThrow(message);
  });
});
