import { countLines, utf8Tail } from './utf8Tail';

/** Reads the last `tailLines` lines of a log, of which the server returns the first `limitBytes`. */
export type LogWindowReader = (
  tailLines: number,
  limitBytes: number,
) => Promise<string>;

/** Bytes per line assumed before the log has been seen. */
const GUESSED_LINE_BYTES = 64;
/** Reads of one log at most (each bounded to twice the limit). */
const MAX_READS = 4;

/**
 * The last `limitBytes` bytes of a container log, without reading the whole log.
 *
 * The Kubernetes API has no byte offset from the end: `limitBytes` keeps the *head* of what it
 * returns, and `tailLines` counts lines. So this asks for the last N lines with a server limit
 * of twice `limitBytes`, N derived from `limitBytes` (64 bytes a line at first). When the
 * server's limit cut the answer (the lines are longer than assumed), that answer is not the
 * tail, and N is lowered from the line length seen; when N lines gave less than `limitBytes`
 * while the log has more, N is raised. At most 4 reads, none longer than twice `limitBytes`.
 * The result is cut to the last `limitBytes` bytes on a UTF-8 boundary; `truncated` says the
 * log may hold more than what is returned.
 */
export async function readLogTail(
  read: LogWindowReader,
  limitBytes: number,
): Promise<{ log: string; truncated: boolean }> {
  const serverLimit = limitBytes * 2;
  let tailLines = Math.max(1, Math.ceil(limitBytes / GUESSED_LINE_BYTES));
  /** The newest true tail read, and else the latest head of a window cut by the server. */
  let tail: { log: string; truncated: boolean } | undefined;
  let near: { log: string; truncated: boolean } | undefined;
  for (let reads = 0; reads < MAX_READS; reads++) {
    const text = await read(tailLines, serverLimit);
    const bytes = Buffer.byteLength(text, 'utf8');
    const lines = countLines(text);
    if (bytes >= serverLimit) {
      // the head of the last `tailLines` lines, cut by the server: not the tail
      near = { log: utf8Tail(text, limitBytes).text, truncated: true };
      if (tailLines === 1) break; // one line longer than the limit: its head is all there is
      const lineBytes = bytes / Math.max(1, lines - 1);
      tailLines = Math.max(
        1,
        Math.min(tailLines - 1, Math.floor(limitBytes / lineBytes)),
      );
      continue;
    }
    const cut = utf8Tail(text, limitBytes);
    const moreBefore = lines >= tailLines;
    if (!tail || cut.text.length >= tail.log.length) {
      tail = { log: cut.text, truncated: cut.cut || moreBefore };
    }
    if (cut.cut || !moreBefore) break;
    // the true tail, but shorter than the limit while the log has more lines: ask for more
    const lineBytes = Math.max(1, bytes / lines);
    tailLines = Math.max(
      tailLines + 1,
      Math.ceil((limitBytes / lineBytes) * 1.25),
    );
  }
  return (tail ?? near)!;
}
