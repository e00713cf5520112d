import { createHash } from 'node:crypto';

/** A valid label value: at most 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * `text` as a label value: unchanged when it is one; otherwise the characters
 * labels cannot hold become `-`, and a text that was changed or is too long is
 * shortened and suffixed with 10 hex digits of its SHA-256, so different
 * texts keep different values.
 */
export function labelValue(text: string): string {
  if (LABEL_VALUE.test(text)) return text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 10);
  const safe = text
    .replace(/[^-A-Za-z0-9_.]/g, '-')
    .slice(0, 52)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return safe ? `${safe}-${hash}` : hash;
}
