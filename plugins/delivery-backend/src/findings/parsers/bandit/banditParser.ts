import {
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import {
  hashFingerprint,
  invalid,
  isObject,
  severityFromWord,
  str,
} from '../common';

const FORMAT = 'Bandit';

/** Target when the upload names none: the directory Bandit scanned. */
export const BANDIT_DEFAULT_TARGET = '.';

/** How many unreadable files `incompleteReason` names before it says "and N more". */
const MAX_LISTED_ERRORS = 10;

/**
 * The code of a Bandit snippet, for a fingerprint: Bandit prints `<line number> <code>` per
 * line with context lines around the issue. Keeps the lines in `lines` (the issue itself) when
 * the snippet has them, else every line; strips the numbers and collapses whitespace, so
 * moving the code or re-indenting it keeps the fingerprint.
 */
export function normaliseBanditSnippet(
  code: string,
  lines: number[],
): string | undefined {
  const numbered = code
    .split('\n')
    .map(line => /^\s*(\d+)(?:\s|$)(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => ({ n: Number(m[1]), text: m[2].replace(/\s+/g, ' ').trim() }));
  const own = numbered.filter(l => lines.includes(l.n));
  const picked = (own.length > 0 ? own : numbered)
    .map(l => l.text)
    .filter(Boolean);
  if (picked.length > 0) return picked.join('\n');
  const plain = code.replace(/\s+/g, ' ').trim();
  return plain || undefined;
}

function lineRange(
  value: unknown,
  lineNumber: number,
  field: string,
): number[] {
  if (value === undefined) return [lineNumber];
  if (!Array.isArray(value) || value.some(n => !Number.isInteger(n))) {
    return invalid(FORMAT, field, 'must be an array of line numbers');
  }
  return value.length > 0 ? (value as number[]) : [lineNumber];
}

function parseResult(
  result: unknown,
  field: string,
  target: string,
): Omit<ParsedFinding, 'fingerprint'> & { identity: string[] } {
  if (!isObject(result)) return invalid(FORMAT, field, 'must be an object');
  const need = (key: string): string =>
    str(result[key]) ??
    invalid(FORMAT, `${field}.${key}`, 'must be a non-empty string');
  const testId = need('test_id');
  const title = need('issue_text');
  const path = need('filename');
  const word = need('issue_severity');
  const line = result.line_number;
  if (!Number.isInteger(line) || (line as number) < 0) {
    return invalid(FORMAT, `${field}.line_number`, 'must be a line number');
  }
  const startLine = line as number;
  const lines = lineRange(result.line_range, startLine, `${field}.line_range`);
  const code = typeof result.code === 'string' ? result.code : '';
  const snippet = normaliseBanditSnippet(code, lines) ?? `line:${startLine}`;
  const cwe = isObject(result.issue_cwe) ? result.issue_cwe : {};
  const cweId =
    typeof cwe.id === 'number' || str(cwe.id)
      ? `CWE-${String(cwe.id)}`
      : undefined;
  const details = [
    str(result.test_name),
    cweId,
    str(result.issue_confidence) &&
      `confidence ${String(result.issue_confidence)}`,
  ].filter(Boolean);
  const references = [str(result.more_info), str(cwe.link)].filter(
    (r): r is string => r !== undefined,
  );
  const endLine = Math.max(...lines);
  return {
    identity: ['code', testId, path, snippet, target],
    category: 'code',
    // UNDEFINED (and any word Bandit may add) is informational
    severity: severityFromWord(word) ?? 'info',
    ruleId: testId,
    title,
    description: details.length > 0 ? details.join('; ') : undefined,
    location: {
      path,
      startLine,
      endLine: endLine > startLine ? endLine : undefined,
    },
    target,
    references: references.length > 0 ? references : undefined,
  };
}

/** Why the scan is incomplete when Bandit could not read some files (`errors[]`). */
function incompleteReason(errors: unknown[]): string | undefined {
  if (errors.length === 0) return undefined;
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map(e => {
    const file = isObject(e) ? str(e.filename) ?? '?' : '?';
    const reason = isObject(e) ? str(e.reason) : undefined;
    return reason ? `${file} (${reason})` : file;
  });
  const more = errors.length - listed.length;
  return `Bandit could not scan ${errors.length} file(s): ${listed.join(', ')}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}

/**
 * Bandit native JSON (`bandit -f json`): `results[]`, `errors[]`, `metrics`, `generated_at`.
 *
 * Decisions:
 * - Claimed when the object has `results` and a `metrics` object or a `generated_at` string
 *   (Semgrep's native JSON has `results` and `errors` but neither).
 * - Severity: `issue_severity` HIGH/MEDIUM/LOW; UNDEFINED (or an unknown word) is `info`.
 * - Fingerprint: (test id, file, the normalised code of the issue's lines, target), not the
 *   line number, so it survives code moving; falls back to the line when there is no snippet.
 *   Two identical issues in one file get an occurrence number from the second on.
 * - A non-empty `errors[]` (files Bandit could not parse) makes the report incomplete, with
 *   the files in `incompleteReason`: nothing may be marked fixed in files it did not read.
 * - Target: the upload's `defaultTarget`, else `.`.
 *
 * @public
 */
export const banditParser: FindingParser = {
  format: 'bandit-json',
  canParse(document: unknown): boolean {
    return (
      isObject(document) &&
      'results' in document &&
      (isObject(document.metrics) || typeof document.generated_at === 'string')
    );
  },
  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport {
    if (!isObject(document))
      return invalid(FORMAT, 'document', 'must be a JSON object');
    if (!Array.isArray(document.results)) {
      return invalid(FORMAT, 'results', 'must be an array');
    }
    const errors = document.errors ?? [];
    if (!Array.isArray(errors))
      return invalid(FORMAT, 'errors', 'must be an array');
    const target = options.defaultTarget ?? BANDIT_DEFAULT_TARGET;
    const seen = new Map<string, number>();
    const findings = document.results.map((r, i): ParsedFinding => {
      const { identity, ...finding } = parseResult(r, `results[${i}]`, target);
      const key = identity.join('\u0000');
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      const fingerprint =
        occurrence === 1
          ? hashFingerprint(...identity)
          : hashFingerprint(...identity, occurrence);
      return { fingerprint, ...finding };
    });
    const reason = incompleteReason(errors);
    return {
      format: 'bandit-json',
      tool: 'bandit',
      complete: reason === undefined,
      incompleteReason: reason,
      targets: [target],
      findings,
    };
  },
};
