// An OpenAI-compatible endpoint with real HTTP and real SSE: the test server, and the app's offline demo model (mounted
// by Vite at /demo/v1). Node realm. The `model` field picks the behaviour; see mock-behaviours.ts.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_MODELS, respond, sendError } from './mock-behaviours.ts';

/** One request as the mock saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query as received, including any mount prefix. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined for bodiless requests, the raw text when it did not parse. */
  body: unknown;
}

export interface MockHandlerOptions {
  /** Called for every request the handler answers. */
  onRequest?: (request: RecordedRequest) => void;
}

/** A connect-style middleware: requests it does not serve go to `next` when given, else get a 404. */
export type MockHandler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

export interface MockServer {
  /** Base URL including /v1, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** `http://127.0.0.1:<port>`; `${origin}/nocors/v1` is the same API without CORS headers. */
  origin: string;
  /** Every request, oldest first, capped at MAX_RECORDED (the oldest are dropped). */
  requests: RecordedRequest[];
  /** Responses still open, e.g. an `endless` stream whose client has not gone away. */
  openResponses(): number;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

export const MAX_RECORDED = 10_000;
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  // Without this a page cannot read Retry-After on a cross-origin 429.
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The last user message's text; content may be a string or OpenAI's list of `{type: 'text', text}` parts. */
function promptOf(body: Record<string, unknown>): string | undefined {
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: unknown; content?: unknown }[]) : [];
  const last = messages.filter((m) => m?.role === 'user').at(-1);
  if (typeof last?.content === 'string') return last.content;
  if (!Array.isArray(last?.content)) return undefined;
  return (last.content as { text?: unknown }[]).map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
}

async function handle(req: IncomingMessage, res: ServerResponse, seen: Map<string, number>, opts: MockHandlerOptions) {
  const received = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const cors = !received.startsWith('/nocors/');
  const path = new URL(req.url ?? '/', 'http://mock').pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const record = (body: unknown) => opts.onRequest?.({ method, path: received, headers: { ...req.headers }, body });
  if (cors) for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);

  if (method === 'OPTIONS') {
    record(undefined);
    // A server without CORS support: the preflight fails, as it does against vLLM without CORS middleware.
    res.writeHead(cors ? 204 : 405, cors ? {} : { Allow: 'GET, POST' });
    return void res.end();
  }
  if (path.endsWith('/models')) {
    record(undefined);
    const data = MOCK_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'arbiter-mock' }));
    const body = JSON.stringify({ object: 'list', data });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return void res.end(body);
  }
  if (method !== 'POST') {
    record(undefined);
    return sendError(res, 405, `Method ${method} is not allowed here: use POST.`, { Allow: 'POST' });
  }
  const text = await readBody(req);
  if (text === null) {
    record(undefined);
    return sendError(res, 413, `Request body over ${MAX_BODY_BYTES} bytes.`);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    record(text);
    return sendError(res, 400, 'The request body is not valid JSON.');
  }
  record(body);
  if (!body || typeof body !== 'object' || typeof body.model !== 'string' || !body.model) {
    return sendError(res, 400, "The request body needs a 'model' string.");
  }
  const prompt = promptOf(body);
  if (prompt === undefined) return sendError(res, 400, "The request body needs a user message in 'messages'.");
  await respond({ res, model: body.model, prompt, seen });
}

/**
 * Creates the mock's request handler. It serves `POST …/chat/completions` and `GET …/models` under any prefix,
 * answers CORS preflights, and leaves out every CORS header under the `/nocors/` prefix.
 */
export function createMockHandler(opts: MockHandlerOptions = {}): MockHandler {
  // Per-handler request counts for `flaky:<n>`, so separate servers do not share state.
  const seen = new Map<string, number>();
  return (req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://mock').pathname.replace(/\/+$/, '');
    if (!path.endsWith('/chat/completions') && !path.endsWith('/models')) {
      if (next) return next();
      const received = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
      if (!received.startsWith('/nocors/'))
        for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      return sendError(res, 404, `Nothing at ${path}: use POST …/v1/chat/completions or GET …/v1/models.`);
    }
    handle(req, res, seen, opts).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, `The mock endpoint failed: ${String(err)}`);
      else res.destroy();
    });
  };
}

/** Starts the mock on 127.0.0.1 (a free port unless `port` is given) and records every request. */
export async function startMockServer(options: { port?: number } = {}): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const handler = createMockHandler({
    onRequest: (request) => {
      if (requests.length >= MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED + 1);
      requests.push(request);
    },
  });
  const server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    openResponses: () => open.size,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Stalled and endless streams would otherwise keep close() waiting forever.
        server.closeAllConnections();
      })),
  };
}
