import { mockCredentials } from '@backstage/backend-test-utils';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { timed } from './stats';

/** The loopback base URL of a started test backend. */
export function baseUrl(server: Pick<Server, 'address'>): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What one request cost: milliseconds to the last body byte, body bytes, parsed JSON. */
export interface Measured {
  ms: number;
  bytes: number;
  body: unknown;
}

/**
 * Sends one request as a signed-in user over real HTTP and reads the whole body; fails on a
 * non-2xx answer so that a broken setup never passes as a fast one.
 */
export async function measuredRequest(
  url: string,
  init: { method?: 'GET' | 'POST'; json?: unknown } = {},
): Promise<Measured> {
  const [ms, { bytes, text, status }] = await timed(async () => {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        authorization: mockCredentials.user.header(),
        ...(init.json ? { 'content-type': 'application/json' } : {}),
      },
      body: init.json ? JSON.stringify(init.json) : undefined,
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    return {
      bytes: buffer.length,
      text: buffer.toString('utf8'),
      status: res.status,
    };
  });
  if (status < 200 || status >= 300) {
    throw new Error(`${url} answered ${status}: ${text.slice(0, 500)}`);
  }
  return { ms, bytes, body: JSON.parse(text) };
}
