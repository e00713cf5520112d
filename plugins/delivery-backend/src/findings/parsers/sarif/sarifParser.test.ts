import { InputError } from '@backstage/errors';
import { sarifParser } from './index';
import { at, parse, run } from './__testUtils__/docs';

describe('sarifParser.canParse', () => {
  it('accepts SARIF 1.x and 2.x documents with runs or a sarif $schema', () => {
    expect(sarifParser.canParse({ version: '2.1.0', runs: [] })).toBe(true);
    expect(sarifParser.canParse({ version: '2.1.0', runs: null })).toBe(true);
    expect(
      sarifParser.canParse({
        version: '2.0.0',
        $schema: 'http://x/sarif-2.0.0',
      }),
    ).toBe(true);
    expect(sarifParser.canParse({ version: '1.0.0', runs: [] })).toBe(true);
  });

  it('rejects other documents', () => {
    expect(sarifParser.canParse({ SchemaVersion: 2, Results: [] })).toBe(false);
    expect(sarifParser.canParse({ version: '3.0', runs: [] })).toBe(false);
    expect(sarifParser.canParse({ version: 2.1, runs: [] })).toBe(false);
    expect(
      sarifParser.canParse({
        version: '2.1.0',
        $schema: 'https://cyclonedx.org',
      }),
    ).toBe(false);
    expect(sarifParser.canParse([{ version: '2.1.0', runs: [] }])).toBe(false);
    expect(sarifParser.canParse(null)).toBe(false);
  });
});

describe('sarifParser severity', () => {
  it('refines level, then the rule default level, with security-severity', () => {
    const results = [
      { ruleId: 'R1', level: 'note' },
      { ruleId: 'R1' },
      { ruleId: 'R2', level: 'warning' },
      { ruleId: 'R3' },
      { ruleId: 'R4' },
      { ruleId: 'R4', level: 'none' },
      { ruleId: 'R5', level: 'error' },
      { ruleId: 'R5' },
      { ruleId: 'R4', kind: 'review' },
      { ruleId: 'R4', kind: 'pass' },
      { ruleId: 'R4', kind: 'notApplicable' },
    ];
    const report = parse([
      run(results.map((r, i) => ({ ...r, ...at(`${i}.c`) }))),
    ]);
    expect(report.findings.map(f => f.severity)).toEqual([
      'critical', // security-severity 9.8 decides over result level note
      'critical', // security-severity 9.8 decides over rule default error
      'critical', // security-severity 9.8 decides over result level warning
      'high', // security-severity 7.5
      'medium', // empty security-severity ignored, no level: SARIF default warning
      'info', // level none
      'high', // result level error beats rule default note
      'low', // rule default note
      'info', // kind review without level: SARIF default none
    ]); // kinds pass and notApplicable are not findings
  });
});

describe('sarifParser rules and titles', () => {
  it('finds rules by ruleIndex, rule.index, rule.id and hierarchical ids', () => {
    const { findings } = parse([
      run([
        { ruleIndex: 1, message: { text: 'by index' }, ...at('1.c') },
        {
          rule: { index: 3 },
          message: { text: 'by rule.index' },
          ...at('2.c'),
        },
        { rule: { id: 'R2' }, message: { text: 'by rule.id' }, ...at('3.c') },
        { ruleId: 'R2/7', message: { text: 'hierarchical' }, ...at('4.c') },
        {
          ruleId: 'NOPE',
          message: { text: 'First line\nsecond line' },
          ...at('5.c'),
        },
        { message: { text: 'R2 found something' }, ...at('6.c') },
      ]),
    ]);
    expect(findings.map(f => [f.ruleId, f.title])).toEqual([
      ['R2', 'Rule two'],
      ['R4', 'Rule four'],
      ['R2', 'Rule two'],
      ['R2/7', 'Rule two'],
      ['NOPE', 'First line'],
      ['R2', 'Rule two'],
    ]);
  });

  it('fills message templates from messageStrings', () => {
    const templated = {
      id: 'T',
      messageStrings: { default: { text: 'Found {0} in {1}.' } },
    };
    const { findings } = parse([
      {
        tool: { driver: { name: 'SpotBugs', rules: [templated] } },
        results: [
          { ruleIndex: 0, message: { id: 'default', arguments: ['x', 'y'] } },
        ],
      },
    ]);
    expect(findings[0].title).toBe('Found x in y.');
  });
});

describe('sarifParser suppressions', () => {
  it('honours accepted or status-less suppressions only', () => {
    const s = (suppressions: unknown) => ({
      ruleId: 'R4',
      suppressions,
      ...at(`${JSON.stringify(suppressions)}.c`),
    });
    const { findings } = parse([
      run([
        s([{ kind: 'inSource' }]),
        s([
          {
            kind: 'external',
            status: 'accepted',
            justification: 'used in tests',
          },
        ]),
        s([{ kind: 'external', status: 'underReview' }]),
        s([{ kind: 'external', status: 'rejected' }]),
        s([]),
        s(null),
        s([{ kind: 'external', status: 'rejected' }, { kind: 'inSource' }]),
      ]),
    ]);
    expect(findings.map(f => f.suppression)).toEqual([
      { kind: 'inSource' },
      { kind: 'external', justification: 'used in tests' },
      undefined,
      undefined,
      undefined,
      undefined,
      { kind: 'inSource' },
    ]);
  });
});
describe('sarifParser report shape and bad input', () => {
  it('joins distinct tool names and lists every target', () => {
    const report = parse([
      run([], {}, 'Trivy'),
      run([], {}, 'gitleaks'),
      run([], {}, 'Trivy'),
    ]);
    expect(report).toMatchObject({
      tool: 'Trivy, gitleaks',
      toolVersion: undefined,
      complete: true,
    });
    expect(report.targets).toEqual(['Trivy', 'gitleaks']);
    expect(parse([run([]), run([])])).toMatchObject({
      tool: 'Scanner',
      toolVersion: '1.2.3',
    });
  });

  it('reads runs: [] as a complete clean scan', () => {
    expect(parse([])).toEqual({
      format: 'sarif-2.1.0',
      tool: 'unknown',
      toolVersion: undefined,
      complete: true,
      incompleteReason: undefined,
      targets: [],
      findings: [],
    });
    expect(parse([], 'repo:x').targets).toEqual(['repo:x']);
  });

  it('marks runs without results or with failed executions incomplete', () => {
    const failed = {
      invocations: [
        { executionSuccessful: true },
        { executionSuccessful: false, exitCode: 2 },
      ],
    };
    const report = parse([
      { tool: { driver: { name: 'A' } } },
      run([{ ruleId: 'R4' }], failed),
    ]);
    expect(report.complete).toBe(false);
    expect(report.findings).toHaveLength(1);
    expect(report.incompleteReason).toBe(
      'run 0 (A) has no results: the scan did not compute them; run 1 (Scanner) did not complete: executionSuccessful is false (exit code 2)',
    );
  });

  it('rejects what it cannot read, naming the field', () => {
    const reject = (doc: unknown) => () => sarifParser.parse(doc, {});
    expect(reject({ version: '2.1.0', runs: null })).toThrow(
      'Invalid SARIF report: runs must be an array',
    );
    expect(reject({ version: '2.1.0' })).toThrow(InputError);
    expect(reject({ version: '3.0.0', runs: [] })).toThrow(
      'version "3.0.0" is not supported',
    );
    expect(reject({ version: '1.0.0', runs: [] })).toThrow(
      'SARIF 1.0.0 is not supported: convert it to SARIF 2.1.0 (e.g. with the SARIF Multitool)',
    );
    expect(reject({ version: '2.1.0', runs: [{ tool: {} }] })).toThrow(
      'runs[0].tool.driver.name is required',
    );
    expect(reject({ version: '2.1.0', runs: [run('x')] })).toThrow(
      'runs[0].results must be an array',
    );
    expect(reject({ version: '2.1.0', runs: [run([{}, 3])] })).toThrow(
      'runs[0].results[1] must be an object',
    );
  });

  it('reads SARIF 2.0.0 with the tool named on `tool`', () => {
    const report = sarifParser.parse(
      {
        version: '2.0.0',
        runs: [
          {
            tool: { name: 'CodeScanner', version: '2' },
            results: [{ ruleId: 'X', level: 'error' }],
          },
        ],
      },
      {},
    );
    expect(report).toMatchObject({
      format: 'sarif-2.0.0',
      tool: 'CodeScanner',
      toolVersion: '2',
    });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'X',
      severity: 'high',
      title: 'X',
      target: 'CodeScanner',
    });
  });
});
