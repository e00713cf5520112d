/**
 * The last `limitBytes` bytes of a text as UTF-8, starting on a character boundary (so at most
 * `limitBytes` bytes, 3 fewer at worst), and whether anything was cut off.
 */
export function utf8Tail(
  text: string,
  limitBytes: number,
): { text: string; cut: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limitBytes) return { text, cut: false };
  let start = bytes.length - limitBytes;
  // skip continuation bytes (10xxxxxx) of a character that began before the cut
  while (start < bytes.length && (bytes[start] & 0xc0) === 0x80) start++;
  return { text: bytes.subarray(start).toString('utf8'), cut: true };
}

/** Lines in a text: one per newline, plus an unterminated last line. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines++;
  }
  return text.length > 0 && !text.endsWith('\n') ? lines + 1 : lines;
}
