import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Holds back the non-watch GET requests whose path matches, for `delayMs`, and counts them
 * and how many were in flight at once (e.g. to see whether two replicas list at once).
 */
export class RequestTracker {
  count = 0;
  maxInFlight = 0;
  #inFlight = 0;

  constructor(readonly pattern: RegExp, readonly delayMs: number) {}

  matches(req: IncomingMessage, path: string, query: Record<string, string>) {
    return (
      req.method === 'GET' &&
      query.watch !== 'true' &&
      query.watch !== '1' &&
      this.pattern.test(path)
    );
  }

  /** Counts the request as in flight until its response finishes, then runs `next` late. */
  hold(res: ServerResponse, next: () => void): void {
    this.count += 1;
    this.#inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    res.on('close', () => {
      this.#inFlight -= 1;
    });
    setTimeout(next, this.delayMs);
  }
}
