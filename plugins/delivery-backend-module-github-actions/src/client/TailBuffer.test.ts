import { readTail, TailBuffer } from './TailBuffer';

describe('TailBuffer', () => {
  it('holds at most the limit plus one chunk while 10 MB stream through', () => {
    const tail = new TailBuffer(1000);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let most = 0;
    for (let i = 0; i < 160; i++) {
      tail.push(chunk);
      most = Math.max(most, tail.held);
    }
    tail.push(Buffer.from('the end\n'));
    expect(most).toBeLessThanOrEqual(1000 + chunk.length);
    expect(tail.total).toBe(160 * chunk.length + 8);
    const { text, truncated } = tail.text();
    expect(truncated).toBe(true);
    expect(text).toBe(`${'a'.repeat(992)}the end\n`);
  });

  it('starts the tail on a UTF-8 character boundary and keeps a short stream whole', async () => {
    const text = 'ü'.repeat(600); // 2 bytes each
    const stream = new Blob([text]).stream();
    const odd = await readTail(stream, 999);
    expect(odd.truncated).toBe(true);
    expect(odd.text).toBe('ü'.repeat(499));
    const whole = await readTail(new Blob(['short\n']).stream(), 999);
    expect(whole).toEqual({ text: 'short\n', truncated: false });
    expect(await readTail(null, 10)).toEqual({ text: '', truncated: false });
  });
});
