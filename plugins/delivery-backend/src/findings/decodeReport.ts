import { InputError } from '@backstage/errors';
import { FindingParser, ParsedReport } from '@slipway/plugin-delivery-node';
import { gunzipSync } from 'zlib';

/** Thrown for reports over the size limit; the error handler answers its statusCode. */
export class ReportTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(limit: number) {
    super(
      `Report is larger than the ${Math.round(
        limit / 1048576,
      )} MB limit (delivery.findings.maxUploadBytes)`,
    );
    this.name = 'ReportTooLargeError';
  }
}

/** Offset of a JSON.parse error in the text, from the engine's message when it tells. */
function errorOffset(text: string, error: Error): number | undefined {
  const at = /position (\d+)/.exec(error.message);
  if (at) return Number(at[1]);
  // V8 quotes the text around an unexpected token: `Unexpected token '}', ..." [}" is not valid JSON`
  const quoted =
    /Unexpected token '(.+?)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(
      error.message,
    );
  if (quoted) {
    const index = text.indexOf(quoted[2]);
    if (index >= 0) return index + quoted[2].lastIndexOf(quoted[1]);
  }
  return undefined;
}

/** ` (line L, column C)` of a JSON.parse error, or nothing when the engine does not tell. */
function position(text: string, error: Error): string {
  const offset = errorOffset(text, error);
  if (offset === undefined) return '';
  const before = text.slice(0, offset).split('\n');
  return ` (line ${before.length}, column ${
    before[before.length - 1].length + 1
  })`;
}

/**
 * Turns an uploaded body into a JSON document: gunzips it when it is gzip (by its magic bytes,
 * whatever the headers say), enforces the size limit after decompression, and names the line and
 * column of a JSON syntax error.
 */
export function decodeReport(body: Buffer, maxBytes: number): unknown {
  if (body.length === 0) {
    throw new InputError(
      'Empty report: upload the scanner output as the request body',
    );
  }
  let bytes = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      bytes = gunzipSync(body, { maxOutputLength: maxBytes + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ReportTooLargeError(maxBytes);
      throw new InputError(
        `Report is gzip but cannot be decompressed: ${
          (error as Error).message
        }`,
      );
    }
  }
  if (bytes.length > maxBytes) {
    throw new ReportTooLargeError(maxBytes);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim().length === 0) {
    throw new InputError(
      'Empty report: upload the scanner output as the request body',
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `Report is not valid JSON${position(text, error as Error)}: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * Picks the parser whose format the document is in (by content, never by file name) and parses it.
 */
export function parseReport(
  document: unknown,
  parsers: FindingParser[],
  options: { defaultTarget?: string },
): ParsedReport {
  if (document === null) {
    throw new InputError(
      'Report is the JSON literal null: the scanner wrote no result',
    );
  }
  const parser = parsers.find(p => p.canParse(document));
  if (!parser) {
    throw new InputError(
      `Unknown report format: expected one of ${parsers
        .map(p => p.format)
        .join(', ')}`,
    );
  }
  return parser.parse(document, options);
}
