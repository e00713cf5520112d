import type { IncomingMessage, ServerResponse } from 'node:http';

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** A failure that the router turns into a Kubernetes `Status` response. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string = REASONS[code] ?? 'Unknown',
  ) {
    super(message);
    this.name = 'StatusError';
  }
}

export function notFound(resource: string, name: string): StatusError {
  return new StatusError(404, `${resource} "${name}" not found`);
}

export function statusBody(code: number, message: string, reason?: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASONS[code] ?? 'Unknown',
    code,
  };
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendStatus(
  res: ServerResponse,
  code: number,
  message: string,
  reason?: string,
): void {
  sendJson(res, code, statusBody(code, message, reason));
}

export function sendText(res: ServerResponse, text: string | Buffer): void {
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads a request body as UTF-8 text. */
export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and JSON-parses a request body; 400 when it is not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBodyText(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new StatusError(400, `the request body is not valid JSON: ${text}`);
  }
}

/** The media type of a request, without parameters, lower-cased. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
