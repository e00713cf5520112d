import { FindingSeverity } from '@slipway/plugin-delivery-node';
import { invalid, severityFromWord } from '../common';

/** The format name used in error messages. */
export const NPM_FORMAT = 'npm audit';

/** The tool name findings are tracked under, for both report versions. */
export const NPM_TOOL = 'npm-audit';

/** Target when the upload names none: npm audit reads the lockfile. */
export const NPM_AUDIT_DEFAULT_TARGET = 'package-lock.json';

const GHSA = /GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}/i;

/** The GHSA id in an advisory URL (`https://github.com/advisories/GHSA-...`), upper-cased. */
export function ghsaIn(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = GHSA.exec(value);
  return match ? `GHSA${match[0].slice(4).toLowerCase()}` : undefined;
}

/** npm's severity words (`info`, `low`, `moderate`, `high`, `critical`); anything else is invalid. */
export function npmSeverity(word: unknown, field: string): FindingSeverity {
  return (
    severityFromWord(word) ??
    invalid(
      NPM_FORMAT,
      field,
      'must be one of info, low, moderate, high, critical',
    )
  );
}
