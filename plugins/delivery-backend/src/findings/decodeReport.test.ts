import { gzipSync } from 'zlib';
import { decodeReport, parseReport, ReportTooLargeError } from './decodeReport';

describe('decodeReport', () => {
  it('reads plain and gzipped JSON', () => {
    expect(decodeReport(Buffer.from('{"a":1}'), 100)).toEqual({ a: 1 });
    expect(decodeReport(gzipSync(Buffer.from('{"a":2}')), 100)).toEqual({
      a: 2,
    });
  });

  it('names the line and column of a syntax error', () => {
    expect(() => decodeReport(Buffer.from('{\n  "a": 1,\n}'), 100)).toThrow(
      /not valid JSON \(line 3, column 1\)/,
    );
  });

  it('refuses empty and oversized reports, also after decompression', () => {
    expect(() => decodeReport(Buffer.alloc(0), 100)).toThrow(/Empty report/);
    expect(() => decodeReport(Buffer.from('  \n'), 100)).toThrow(
      /Empty report/,
    );
    expect(() =>
      decodeReport(Buffer.from(`"${'x'.repeat(200)}"`), 100),
    ).toThrow(ReportTooLargeError);
    expect(() =>
      decodeReport(gzipSync(Buffer.from(`"${'x'.repeat(5000)}"`)), 100),
    ).toThrow(/limit/);
  });
});

describe('parseReport', () => {
  const parser = {
    format: 'demo',
    canParse: (d: unknown) =>
      typeof d === 'object' && d !== null && 'demo' in d,
    parse: () => ({
      format: 'demo',
      tool: 't',
      complete: true,
      targets: ['x'],
      findings: [],
    }),
  };

  it('uses the parser that recognises the content', () => {
    expect(parseReport({ demo: true }, [parser], {}).tool).toBe('t');
  });

  it('names the supported formats when none recognises it, and refuses null', () => {
    expect(() => parseReport({ other: true }, [parser], {})).toThrow(
      'Unknown report format: expected one of demo',
    );
    expect(() => parseReport(null, [parser], {})).toThrow(/literal null/);
  });
});
