// The OpenAI-compatible chat backend: one streamed /chat/completions call, made exactly as Affine's envs make it, with
// retries, deadlines and errors that say what to do. Both realms: only fetch, AbortController and TextDecoder.

import { resolveOpenAIConfig, validateOpenAIConfig, type OpenAIConfig, type ResolvedOpenAIConfig } from './config.ts';
import { corsError, emptyError, httpError, networkError, timeoutError } from './errors.ts';
import { backoffMs, parseRetryAfter, sleep } from './retry.ts';
import { readChatBody, readErrorText, type ChatBody, type ReadOptions } from './sse.ts';
import { BackendError, type Backend, type ChatRequest, type ChatResult } from './types.ts';

export type { OpenAIConfig } from './config.ts';
export { validateOpenAIConfig } from './config.ts';

/** How long the browser-only CORS probe may take before the failure is reported as 'network'. */
const PROBE_TIMEOUT_MS = 10_000;

/** A failed attempt that may be retried; `error` is what the user sees if no retry is left. */
class Retryable {
  constructor(
    readonly error: BackendError,
    readonly retryAfterMs?: number,
  ) {}
}

const abortedError = () => new BackendError('aborted', 'Stopped by the user.');

/** True in a page or a worker, where a CORS refusal looks exactly like an unreachable server. */
function inBrowser(): boolean {
  const g = globalThis as Record<string, unknown>;
  return typeof g.document !== 'undefined' || typeof g.WorkerGlobalScope !== 'undefined';
}

/** Rejects with the signal's reason when it aborts first; for fetch stand-ins that ignore `signal`. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The request body exactly as Affine's envs send it, keys in the same order; `temperature: 0.0` serialises as 0. */
export function chatRequestBody(cfg: Pick<OpenAIConfig, 'model' | 'maxTokens'>, req: ChatRequest): string {
  return JSON.stringify({
    model: cfg.model,
    messages: [{ role: 'user', content: req.prompt }],
    temperature: 0.0,
    stream: true,
    stream_options: { include_usage: true },
    ...(req.seed !== undefined && { seed: req.seed }),
    ...(cfg.maxTokens !== undefined && { max_tokens: cfg.maxTokens }),
  });
}

/**
 * Creates a backend for an OpenAI-compatible endpoint (vLLM, sglang, OpenAI, ...). Throws BackendError
 * 'invalid_config' listing every problem `validateOpenAIConfig` finds. `fetchImpl` is for tests and proxies.
 */
export function createOpenAIBackend(config: OpenAIConfig, fetchImpl: typeof fetch = globalThis.fetch): Backend {
  const problems = validateOpenAIConfig(config);
  if (problems.length) throw new BackendError('invalid_config', `Fix the backend settings: ${problems.join(' ')}`);
  const cfg = resolveOpenAIConfig(config);
  return { model: cfg.model, chat: (req) => chat(cfg, fetchImpl, req) };
}

/** Attempts until one succeeds, a failure is final, or the retries run out (429, 5xx, network before the body). */
async function chat(cfg: ResolvedOpenAIConfig, fetchImpl: typeof fetch, req: ChatRequest): Promise<ChatResult> {
  const body = chatRequestBody(cfg, req);
  for (let attempt = 1; ; attempt++) {
    if (req.signal?.aborted) throw abortedError();
    const started = performance.now();
    try {
      const reply = await attemptOnce(cfg, fetchImpl, body, req.signal, attempt);
      const latencyMs = performance.now() - started;
      if (!reply.content) throw emptyError();
      return { content: reply.content, usage: reply.usage, latencyMs, attempts: attempt };
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      if (attempt > cfg.maxRetries) throw err.error;
      await sleep(backoffMs(attempt, cfg.retryBaseMs, err.retryAfterMs), req.signal).catch(() => {
        throw abortedError();
      });
    }
  }
}

/** One HTTP request. Throws BackendError for final failures and Retryable for ones worth another attempt. */
async function attemptOnce(
  cfg: ResolvedOpenAIConfig,
  fetchImpl: typeof fetch,
  body: string,
  userSignal: AbortSignal | undefined,
  attempt: number,
): Promise<ChatBody> {
  // Every way this attempt can be cut short aborts `ctrl` with the BackendError to report as its reason.
  const ctrl = new AbortController();
  const onUserAbort = () => ctrl.abort(abortedError());
  if (userSignal?.aborted) onUserAbort();
  userSignal?.addEventListener('abort', onUserAbort, { once: true });
  const deadline = setTimeout(() => ctrl.abort(timeoutError('total', cfg.timeoutMs, cfg.chatUrl)), cfg.timeoutMs);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (cfg.apiKey) headers.Authorization = `Bearer ${cfg.apiKey}`;
  const opts: ReadOptions = {
    signal: ctrl.signal,
    idleTimeoutMs: cfg.idleTimeoutMs,
    maxReplyChars: cfg.maxReplyChars,
    url: cfg.chatUrl,
  };
  try {
    let res: Response;
    try {
      res = await raceAbort(
        fetchImpl(cfg.chatUrl, { method: 'POST', headers, body, signal: ctrl.signal }),
        ctrl.signal,
      );
    } catch (err) {
      if (ctrl.signal.aborted) throw ctrl.signal.reason;
      throw await fetchFailure(cfg.chatUrl, fetchImpl, err, attempt, ctrl.signal);
    }
    if (!res.ok) {
      const text = await readErrorText(res.body, opts).catch((err: unknown) => {
        if (ctrl.signal.aborted) throw ctrl.signal.reason;
        return `(the error body could not be read: ${String(err)})`;
      });
      const error = httpError(res.status, cfg.chatUrl, cfg.baseUrl, text, attempt);
      if (res.status !== 429 && res.status < 500) throw error;
      throw new Retryable(error, parseRetryAfter(res.headers.get('retry-after')));
    }
    let bytes = 0;
    try {
      return await readChatBody(res.body, { ...opts, onBytes: (n) => (bytes += n) });
    } catch (err) {
      if (err instanceof BackendError) throw err;
      const error = new BackendError(
        'network',
        `The connection to ${cfg.chatUrl} dropped ` +
          `${bytes ? 'in the middle of the reply' : 'before the reply started'}` +
          ` (${String(err)}). Check the server and any proxy in front of it, then run again.`,
      );
      // Once part of the reply has arrived the server has done the work; retrying would double the cost.
      if (bytes > 0) throw error;
      throw new Retryable(error);
    }
  } finally {
    clearTimeout(deadline);
    userSignal?.removeEventListener('abort', onUserAbort);
    ctrl.abort();
  }
}

/**
 * Classifies a rejected fetch. In a browser a CORS refusal rejects with the same bare TypeError as an unreachable
 * host, and the page cannot see why (https://fetch.spec.whatwg.org/#concept-network-error). A `no-cors` request is not
 * subject to CORS and resolves (with an opaque response) whenever the server answers, so it tells the two apart.
 */
async function fetchFailure(
  url: string,
  fetchImpl: typeof fetch,
  err: unknown,
  attempt: number,
  signal: AbortSignal,
): Promise<BackendError | Retryable> {
  const unreachable = new Retryable(networkError(url, err, attempt));
  if (!inBrowser() || !(err instanceof TypeError)) return unreachable;
  const probe = new AbortController();
  const onAbort = () => probe.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => probe.abort(), PROBE_TIMEOUT_MS);
  try {
    await raceAbort(fetchImpl(url, { mode: 'no-cors', signal: probe.signal }), probe.signal);
    return corsError(url);
  } catch {
    if (signal.aborted) throw signal.reason;
    return unreachable;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
