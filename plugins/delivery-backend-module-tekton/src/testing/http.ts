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
    /** The Status `details`, e.g. the causes of an apply conflict. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StatusError';
  }
}

export function notFound(resource: string, name: string): StatusError {
  return new StatusError(404, `${resource} "${name}" not found`);
}

export function statusBody(
  code: number,
  message: string,
  reason?: string,
  details?: Record<string, unknown>,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASONS[code] ?? 'Unknown',
    ...(details ? { details } : {}),
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
  details?: Record<string, unknown>,
): void {
  sendJson(res, code, statusBody(code, message, reason, details));
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

/**
 * Whether a write is a dry run: `dryRun=All`; any other value is refused
 * with 400, as the API server does.
 */
export function dryRunOf(query: Record<string, string>): boolean {
  const value = query.dryRun;
  if (value === undefined || value === '') return false;
  if (value !== 'All') {
    throw new StatusError(
      400,
      `Invalid value: "${value}": supported values: "All"`,
    );
  }
  return true;
}

/**
 * The field manager of an update: `fieldManager`, else the User-Agent's
 * product (as the API server derives it), else 'unknown'.
 */
export function requestManager(
  req: IncomingMessage,
  query: Record<string, string>,
): string {
  if (query.fieldManager) return query.fieldManager;
  const agent = req.headers['user-agent'];
  const product = typeof agent === 'string' ? agent.split('/')[0].trim() : '';
  return product || 'unknown';
}

/** 400 for a dry run of a write this server only performs for real. */
export function refuseDryRun(
  req: IncomingMessage,
  query: Record<string, string>,
): void {
  if (!dryRunOf(query)) return;
  req.resume();
  throw new StatusError(
    400,
    'FakeKubeApiServer supports dryRun=All only for server-side apply',
  );
}
