import http from 'http';
import { AddressInfo } from 'net';
import { boundedFetch } from './boundedFetch';

describe('boundedFetch', () => {
  let server: http.Server;
  let url: string;
  /** Bytes the server managed to write before the client went away. */
  let written = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunked = req.url === '/chunked';
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        ...(chunked ? {} : { 'content-length': String(1_000_000) }),
      });
      if (!chunked) {
        res.end('x'.repeat(1_000_000));
        return;
      }
      // no content-length: 64 KiB pieces until the client stops reading (or 8 MiB)
      const piece = 'y'.repeat(64 * 1024);
      const write = () => {
        while (written < 8 * 1024 * 1024) {
          written += piece.length;
          if (!res.write(piece)) {
            res.once('drain', write);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => res.destroy());
      write();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('answers a body within the limit in full', async () => {
    const seen: number[] = [];
    const res = await boundedFetch(2_000_000, n => seen.push(n))(`${url}/`);
    expect((await res.text()).length).toBe(1_000_000);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(seen).toEqual([]);
  });

  it('refuses a larger content-length before reading the body', async () => {
    const seen: number[] = [];
    await expect(
      boundedFetch(100_000, n => seen.push(n))(`${url}/`),
    ).rejects.toThrow('The answer is larger than 100000 bytes');
    expect(seen).toEqual([1_000_000]);
  });

  it('stops reading a body without length once it passes the limit', async () => {
    const seen: number[] = [];
    await expect(
      boundedFetch(200_000, n => seen.push(n))(`${url}/chunked`),
    ).rejects.toThrow('The answer is larger than 200000 bytes');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(200_000);
    expect(seen[0]).toBeLessThan(1_000_000);
    // the server was not read to its end
    await new Promise(r => setTimeout(r, 100));
    expect(written).toBeLessThan(8 * 1024 * 1024);
  });
});
