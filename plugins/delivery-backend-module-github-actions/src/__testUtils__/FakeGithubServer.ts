import { createHash } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';
import {
  answer,
  FakeAnswer,
  FakeRepository,
  newFakeRepository,
} from './fakeGithubState';

/** A request the fake GitHub received. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** The JSON body, when there was one. */
  body?: unknown;
  status: number;
}

/**
 * An answer forced on the next matching requests (rate limits, outages), or a delay before
 * they are answered (`delayMs`, with the usual answer when no `status` is given).
 */
export interface Injection {
  match: RegExp;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  times: number;
}

/**
 * A local HTTP server on 127.0.0.1 that answers the GitHub REST routes of this module like
 * GitHub does: `per_page`/`page` paging with `Link` headers, `ETag` + `If-None-Match` → `304`
 * (not counted against the rate limit, as on GitHub), `x-ratelimit-*` headers, a `302` redirect
 * for job logs, file contents and workflow dispatches (see `fakeGithubWorkflows.ts`),
 * bearer-token authentication, and injected 403/429/5xx answers.
 */
export class FakeGithubServer {
  static async start(token = 'ghp_test'): Promise<FakeGithubServer> {
    const server = new FakeGithubServer(token);
    await new Promise<void>(resolve =>
      server.#server.listen(0, '127.0.0.1', resolve),
    );
    return server;
  }

  readonly repos = new Map<string, FakeRepository>();
  readonly requests: SeenRequest[] = [];
  /** Requests that counted against the rate limit. */
  spent = 0;
  readonly #injections: Injection[] = [];
  readonly #server: http.Server;

  private constructor(readonly token: string) {
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The repository `owner/repo`, created empty on first use. */
  repo(slug: string): FakeRepository {
    const key = slug.toLowerCase();
    if (!this.repos.has(key)) {
      this.repos.set(key, newFakeRepository());
    }
    return this.repos.get(key)!;
  }

  inject(injection: Injection): void {
    this.#injections.push(injection);
  }

  /** Requests whose path matches. */
  seen(match: RegExp, method = 'GET'): SeenRequest[] {
    return this.requests.filter(r => r.method === method && match.test(r.path));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise(resolve => this.#server.close(resolve));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams);
    const chunks: Buffer[] = [];
    let body: unknown;
    const send = (
      status: number,
      headers: Record<string, string>,
      payload = '',
    ) => {
      this.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        headers: req.headers,
        body,
        status,
      });
      res.writeHead(status, {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(Math.max(0, 5000 - this.spent)),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      });
      res.end(payload);
    };
    const json = (status: number, data: unknown, headers = {}) =>
      send(
        status,
        { 'content-type': 'application/json; charset=utf-8', ...headers },
        JSON.stringify(data),
      );
    const respond = (injected: Injection | undefined) => {
      if (injected?.status) {
        json(
          injected.status,
          injected.body ?? { message: 'injected' },
          injected.headers,
        );
        return;
      }
      const isBlob = url.pathname.startsWith('/_blobs/');
      if (!isBlob && req.headers.authorization !== `Bearer ${this.token}`) {
        json(401, { message: 'Requires authentication' });
        return;
      }
      const a = answer(
        this.repos,
        {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query,
          body,
        },
        this.url,
        () => new Date().toISOString(),
      );
      this.#reply(a, url, req.headers['if-none-match'], send, json);
    };
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const injected = this.#injections.find(
        i => i.times > 0 && i.match.test(url.pathname),
      );
      if (injected) injected.times--;
      if (!injected?.delayMs) {
        respond(injected);
        return;
      }
      const timer = setTimeout(() => respond(injected), injected.delayMs);
      res.on('close', () => clearTimeout(timer));
    });
  }

  #reply(
    a: FakeAnswer,
    url: URL,
    ifNoneMatch: string | undefined,
    send: (s: number, h: Record<string, string>, b?: string) => void,
    json: (s: number, b: unknown, h?: Record<string, string>) => void,
  ) {
    if (a.text !== undefined) {
      this.spent++;
      send(a.status, { 'content-type': 'text/plain' }, a.text);
      return;
    }
    let body = a.body;
    const headers: Record<string, string> = { ...a.headers };
    if (a.items) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = a.items.slice((page - 1) * perPage, page * perPage);
      body = a.wrap ? a.wrap(slice, a.items.length) : slice;
      const last = Math.max(1, Math.ceil(a.items.length / perPage));
      const link = (n: number, rel: string) => {
        const next = new URL(url);
        next.searchParams.set('page', String(n));
        return `<${next}>; rel="${rel}"`;
      };
      const links = [
        ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
        ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
      ];
      if (links.length) headers.link = links.join(', ');
    }
    if (a.status === 200) {
      const etag = `W/"${createHash('sha1')
        .update(JSON.stringify(body))
        .digest('hex')}"`;
      headers.etag = etag;
      if (ifNoneMatch === etag) {
        send(304, { etag });
        return;
      }
    }
    if (a.status !== 302) this.spent++;
    if (a.status === 302 || a.status === 204) send(a.status, headers);
    else json(a.status, body ?? {}, headers);
  }
}
