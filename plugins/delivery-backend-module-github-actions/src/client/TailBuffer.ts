/**
 * Keeps the last `limitBytes` bytes of a stream of chunks, holding at most `limitBytes` plus one
 * chunk at any time.
 */
export class TailBuffer {
  readonly #chunks: Buffer[] = [];
  #held = 0;
  /** Bytes seen in all. */
  total = 0;

  constructor(readonly limitBytes: number) {}

  /** Bytes held now. */
  get held(): number {
    return this.#held;
  }

  push(chunk: Uint8Array): void {
    const buffer = Buffer.from(
      chunk.buffer,
      chunk.byteOffset,
      chunk.byteLength,
    );
    this.#chunks.push(buffer);
    this.#held += buffer.length;
    this.total += buffer.length;
    while (this.#held - this.#chunks[0].length >= this.limitBytes) {
      this.#held -= this.#chunks.shift()!.length;
    }
  }

  /** The last `limitBytes` bytes as text, from a UTF-8 character boundary; whether cut. */
  text(): { text: string; truncated: boolean } {
    const all = Buffer.concat(this.#chunks);
    let start = Math.max(0, all.length - this.limitBytes);
    const truncated = this.total > this.limitBytes;
    // skip continuation bytes (10xxxxxx) of a character that began before the cut
    while (truncated && start < all.length && (all[start] & 0xc0) === 0x80) {
      start++;
    }
    return { text: all.subarray(start).toString('utf8'), truncated };
  }
}

/** Reads a response body to its end, keeping only the last `limitBytes` bytes. */
export async function readTail(
  body: ReadableStream<Uint8Array> | null,
  limitBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const tail = new TailBuffer(limitBytes);
  if (body) {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      tail.push(chunk);
    }
  }
  return tail.text();
}
