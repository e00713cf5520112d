import {
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import { invalid, isObject, str } from '../common';
import { GRYPE, GrypeScope, readMatch } from './match';

/**
 * The target: the image as the user named it (`source.target.userInput`) for image sources,
 * the path for directory and file sources (`source.target` is a string), else the upload's
 * default target.
 */
function scopeOf(
  document: Record<string, unknown>,
  defaultTarget?: string,
): GrypeScope {
  const source = isObject(document.source) ? document.source : {};
  const target = source.target;
  const named = isObject(target)
    ? str(target.userInput) ?? str(target.path)
    : str(target);
  const resolved =
    named ??
    defaultTarget ??
    invalid(
      GRYPE,
      'source.target',
      'is missing and the upload names no target',
    );
  return source.type === 'image'
    ? { target: resolved, image: resolved }
    : { target: resolved };
}

function entries(document: Record<string, unknown>, key: string): unknown[] {
  const value = document[key];
  if (key === 'ignoredMatches' && (value === undefined || value === null))
    return [];
  if (!Array.isArray(value)) invalid(GRYPE, key, 'must be an array');
  return value;
}

/**
 * Grype JSON (`-o json`), from 0.7 (`cvssV2`/`cvssV3`, `fixedInVersion`) to current (`cvss[]`,
 * `fix`, `relatedVulnerabilities`). One target per report (see `scopeOf`), so `matches: []` is a
 * clean scan of it. `ignoredMatches` are read too, as findings suppressed in the report.
 * `descriptor.version` "[not provided]" (a development build) gives no tool version.
 *
 * @public
 */
export const grypeParser: FindingParser = {
  format: 'grype',
  canParse(document: unknown): boolean {
    return (
      isObject(document) &&
      Array.isArray(document.matches) &&
      ('descriptor' in document || 'source' in document)
    );
  },
  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport {
    if (!isObject(document)) invalid(GRYPE, 'document', 'must be an object');
    const matches = entries(document, 'matches');
    const ignored = entries(document, 'ignoredMatches');
    const scope = scopeOf(document, options.defaultTarget);
    const findings: ParsedFinding[] = [
      ...matches.map((m, i) => readMatch(m, `matches[${i}]`, scope, false)),
      ...ignored.map((m, i) =>
        readMatch(m, `ignoredMatches[${i}]`, scope, true),
      ),
    ];
    const descriptor = isObject(document.descriptor) ? document.descriptor : {};
    const version = str(descriptor.version);
    return {
      format: 'grype-json',
      tool: 'grype',
      ...(version && version !== '[not provided]'
        ? { toolVersion: version }
        : {}),
      complete: true,
      targets: [scope.target],
      findings,
    };
  },
};
