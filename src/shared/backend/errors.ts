// User-facing BackendErrors for the OpenAI-compatible backend: what went wrong and what to do next. Both realms.

import { BackendError } from './types.ts';

/** How much of a non-JSON error body is quoted back to the user. */
const SNIPPET_CHARS = 300;

/** Ends `text` with a full stop unless it already ends with punctuation, so messages can be joined. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** Shortens text for an error message: whitespace collapsed, at most `max` characters. */
export function snippet(text: string, max = SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The server's own explanation from an error body. Understands OpenAI's `{error: {message}}`, vLLM's and sglang's
 * flat `{object: 'error', message}`, `{error: 'text'}` and FastAPI's `{detail}`; otherwise quotes the body's start.
 */
export function serverMessage(body: string): string {
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    const error = json?.error;
    if (error && typeof error === 'object') {
      const message = (error as Record<string, unknown>).message;
      if (typeof message === 'string' && message) return snippet(message, 2000);
    }
    if (typeof error === 'string' && error) return snippet(error, 2000);
    if (typeof json?.message === 'string' && json.message) return snippet(json.message, 2000);
    if (json?.detail !== undefined) return snippet(JSON.stringify(json.detail), 2000);
  } catch {
    // Not JSON (an HTML page from a proxy, plain text): quote it below.
  }
  return snippet(body);
}

function httpAdvice(status: number, baseUrl: string): string {
  if (status === 401 || status === 403) return 'Check the API key (sent as "Authorization: Bearer <key>").';
  if (status === 404) {
    return (
      `Check the model name (GET ${baseUrl}/models lists what the server serves) ` +
      'and that the base URL ends in the API version, usually /v1.'
    );
  }
  if (status === 405) return 'The URL does not accept POST: point the base URL at the API root, usually ending in /v1.';
  if (status === 413) return "The prompt is larger than the server accepts: raise the server's request size limit.";
  if (status === 400 || status === 422) {
    return (
      'If the message mentions the context length, the prompt is too long for this model; ' +
      "otherwise check the model name and the server's options."
    );
  }
  if (status === 429) return 'The server is rate-limiting: lower the concurrency, or wait and run again.';
  if (status >= 500) {
    return "The server or a proxy in front of it failed: check the server's logs, or wait and run again.";
  }
  return 'Check the base URL and the server.';
}

/** The error for an HTTP error status: 'rate_limit' for 429, 'http' otherwise, with the server's message. */
export function httpError(status: number, url: string, baseUrl: string, body: string, attempts: number): BackendError {
  const said = serverMessage(body);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const what = sentence(`HTTP ${status} from ${url}${tries}${said ? `: ${said}` : ''}`);
  const message = `${what} ${httpAdvice(status, baseUrl)}`;
  return new BackendError(status === 429 ? 'rate_limit' : 'http', message, status);
}

/** Describes a fetch rejection; Node's undici hides the useful part (ECONNREFUSED, ...) in `cause`. */
function describeCause(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  if (typeof cause?.code === 'string') return cause.code;
  return err instanceof Error ? err.message : String(err);
}

/** The error when the server could not be reached at all. */
export function networkError(url: string, err: unknown, attempts: number): BackendError {
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  let hint = '';
  const page = (globalThis as { location?: { protocol?: string } }).location;
  const target = new URL(url);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(target.hostname);
  if (page?.protocol === 'https:' && target.protocol === 'http:' && !local) {
    // Browsers block plain-http requests from an https page ("mixed content") before they leave the machine.
    hint = ' This page is served over https, so the browser blocks plain http endpoints: use https for the endpoint.';
  }
  return new BackendError(
    'network',
    `${sentence(`Could not reach ${url}${tries}: ${describeCause(err)}`)} ` +
      `Check that the server is running and that the host and port in the base URL are right.${hint}`,
  );
}

/** The error when the server answered but the browser would not let the page read the answer. */
export function corsError(url: string): BackendError {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return new BackendError(
    'cors',
    `The server at ${url} is reachable, but the browser refused to read its reply because it sends no CORS headers. ` +
      `The endpoint must answer with "Access-Control-Allow-Origin: *" (or ${origin ?? "this page's origin"}) and ` +
      'allow the Authorization and Content-Type headers, on OPTIONS preflight requests and on errors too. ' +
      `To fix it: start vLLM with --allowed-origins '["*"]' (its default; also check --allowed-headers); sglang ` +
      'allows every origin itself, so a proxy in front of it (nginx, a gateway) must stop stripping or blocking ' +
      'the CORS headers; or run the evaluation with the command-line client, which is not subject to CORS.',
  );
}

/** The error for a reply that is not a valid OpenAI chat stream. */
export function badStreamError(what: string): BackendError {
  return new BackendError(
    'bad_stream',
    `${sentence(`The server's reply is not a valid OpenAI chat completion stream: ${what}`)} ` +
      'Check that the base URL points at an OpenAI-compatible API (usually ending in /v1).',
  );
}

/** The error for a reply over the size cap; the body has been cancelled. */
export function tooLargeError(maxChars: number): BackendError {
  return new BackendError(
    'too_large',
    `The reply is longer than ${maxChars.toLocaleString('en-US')} characters, so it was cut off and discarded. ` +
      'Raise the reply size cap, or set max tokens to stop runaway generations.',
  );
}

/** The error for a deadline: `idle` when the stream went quiet, otherwise the per-request limit. */
export function timeoutError(kind: 'idle' | 'total', ms: number, url: string): BackendError {
  const seconds = `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} s`;
  return new BackendError(
    'timeout',
    kind === 'idle'
      ? `${url} sent nothing for ${seconds} while streaming its reply. ` +
          'The server may be overloaded or stuck: check it, or raise the idle timeout.'
      : `${url} did not finish its reply within ${seconds}. ` +
          'Raise the request timeout, set max tokens, or check that the server is not overloaded.',
  );
}

/** The error for a stream that carried no content, worded as Affine words it. */
export function emptyError(): BackendError {
  return new BackendError('empty', 'LLM API returned empty content stream');
}
