/**
 * A `fetch` that reads at most `maxBytes` of an answer's body: a larger `content-length` is
 * refused before the body is read, and a body that grows past the limit while streaming is
 * cancelled. Either way `onTooLarge` is called and the call rejects (the caller tells its own
 * error from the one Octokit wraps it in by that call). The body read is answered as a new
 * `Response`, so nothing downstream reads more.
 */
export function boundedFetch(
  maxBytes: number,
  onTooLarge: (bytes: number) => void,
): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!res.body || [101, 204, 205, 304].includes(res.status)) return res;
    const tooLarge = async (bytes: number) => {
      onTooLarge(bytes);
      await res.body?.cancel().catch(() => {});
      return new Error(`The answer is larger than ${maxBytes} bytes`);
    };
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (length > maxBytes) throw await tooLarge(length);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw await tooLarge(total);
      chunks.push(chunk);
    }
    return new Response(Buffer.concat(chunks), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}
