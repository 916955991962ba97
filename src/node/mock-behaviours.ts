// What each mock "model" answers on /chat/completions: real SSE, errors, stalls, floods. Node realm, used by
// mock-endpoint.ts; the model name picks the behaviour.

import type { ServerResponse } from 'node:http';
import { solverReply } from './mock-solver.ts';

/** What a behaviour needs from the request. */
export interface MockCall {
  res: ServerResponse;
  /** The `model` field as sent, e.g. 'slow:200'. */
  model: string;
  /** The last user message. */
  prompt: string;
  /** Counts requests per model and prompt, for `flaky:<n>`; shared by every call to one handler. */
  seen: Map<string, number>;
}

/** Names `GET /models` lists; the parameterised ones are shown with an example argument. */
export const MOCK_MODELS = [
  'solver',
  'wrong',
  'echo',
  'slow:1000',
  'status:500',
  'flaky:2',
  'flaky500:2',
  'garbled',
  'stream_error',
  'drop',
  'endless',
  'stall',
  'empty',
  'huge:5000000',
  'noise:1000000',
  'nonstream',
];

const CHUNK_CHARS = 64;
const HUGE_CHUNK_CHARS = 64 * 1024;
/** Mixes in multi-byte characters so that UTF-8 sequences straddle network packets in the `huge` test. */
const HUGE_PATTERN = 'The quick brown fox jumps over the lazy dog ∧ ¬x1 ∨ x2 — 0123456'; // 64 chars
let nextId = 1;

const ERROR_TYPES: Record<number, string> = { 401: 'AuthenticationError', 404: 'NotFoundError', 429: 'RateLimitError' };

/** Sends an OpenAI-style error body, `{error: {message, type, param, code}}`. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const type = ERROR_TYPES[status] ?? (status < 500 ? 'BadRequestError' : 'InternalServerError');
  const body = JSON.stringify({ error: { message, type, param: null, code: status } });
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const usageOf = (prompt: string, reply: string) => {
  const prompt_tokens = Math.ceil(prompt.length / 4);
  const completion_tokens = Math.ceil(reply.length / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
};

/** An SSE response that stops writing as soon as the client goes away, and respects backpressure. */
class SseWriter {
  readonly id = `chatcmpl-mock-${nextId++}`;
  readonly created = Math.floor(Date.now() / 1000);
  closed = false;
  /** Pending sleeps: cleared and resolved at once when the client goes away. */
  private sleeps = new Map<NodeJS.Timeout, () => void>();

  constructor(
    readonly res: ServerResponse,
    readonly model: string,
  ) {
    res.on('close', () => {
      this.closed = true;
      for (const [timer, wake] of this.sleeps) {
        clearTimeout(timer);
        wake();
      }
      this.sleeps.clear();
    });
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
  }

  /** Writes one `data:` event; resolves once the socket can take more. */
  async data(payload: unknown): Promise<void> {
    if (this.closed) return;
    const line = `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
    if (this.res.write(line)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done).off('close', done);
        resolve();
      };
      this.res.on('drain', done).on('close', done);
    });
  }

  delta(content: string | undefined, finish: string | null = null) {
    const delta = content === undefined ? {} : { role: 'assistant', content };
    const choice = { index: 0, delta, logprobs: null, finish_reason: finish };
    return this.data({
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [choice],
    });
  }

  usage(usage: ReturnType<typeof usageOf>) {
    return this.data({
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [],
      usage,
    });
  }

  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => (this.sleeps.delete(timer), resolve()), ms);
      this.sleeps.set(timer, resolve);
    });
  }

  end() {
    if (!this.closed) this.res.end();
  }
}

/** Streams `reply` the way vLLM does: a role chunk, content chunks, a finish chunk, usage, `[DONE]`. */
async function streamReply(call: MockCall, reply: string, chunkChars = CHUNK_CHARS, delayMs = 0) {
  const sse = new SseWriter(call.res, call.model);
  if (delayMs > 0) await sse.sleep(delayMs);
  await sse.delta('');
  for (let i = 0; i < reply.length && !sse.closed; i += chunkChars) await sse.delta(reply.slice(i, i + chunkChars));
  await sse.delta(undefined, 'stop');
  await sse.usage(usageOf(call.prompt, reply));
  await sse.data('[DONE]');
  sse.end();
}

function completionJson(call: MockCall, reply: string) {
  const body = JSON.stringify({
    id: `chatcmpl-mock-${nextId++}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: call.model,
    choices: [{ index: 0, message: { role: 'assistant', content: reply }, logprobs: null, finish_reason: 'stop' }],
    usage: usageOf(call.prompt, reply),
  });
  call.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  call.res.end(body);
}

/** Builds the `huge` reply: exactly `chars` UTF-16 code units of a repeating pattern. */
export function hugeReply(chars: number): string {
  return HUGE_PATTERN.repeat(Math.ceil(chars / HUGE_PATTERN.length)).slice(0, chars);
}

/**
 * Builds the `noise` reply: `chars` pseudo-random letters, different per prompt. Unlike `huge` it does not compress,
 * so it fills storage for real (Chromium compresses large IndexedDB values).
 */
export function noiseReply(chars: number, prompt: string): string {
  let x = 2166136261;
  for (let i = 0; i < prompt.length; i++) x = Math.imul(x ^ prompt.charCodeAt(i), 16777619);
  const out = new Array<string>(chars);
  for (let i = 0; i < chars; i++) {
    // xorshift32: cheap, deterministic, and far from compressible.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = String.fromCharCode(33 + ((x >>> 0) % 94));
  }
  return out.join('');
}

/** Answers one chat call according to its model name. Unknown names get a 404, as from vLLM. */
export async function respond(call: MockCall): Promise<void> {
  const [name, arg] = call.model.split(/:(.*)/s);
  const num = Number(arg);
  const needsNum = ['slow', 'status', 'flaky', 'flaky500', 'huge', 'noise'].includes(name);
  if (needsNum && (arg === undefined || arg === '' || !Number.isInteger(num) || num < 0)) {
    return sendError(call.res, 400, `Model '${call.model}' needs a whole-number argument, e.g. '${name}:2'.`);
  }
  // 'solver:x' and the like fall through to the 404 of an unknown model.
  switch (arg === undefined || needsNum ? name : call.model) {
    case 'solver':
      return streamReply(call, solverReply(call.prompt));
    case 'wrong':
      return streamReply(call, 'x1=True');
    case 'echo':
      return streamReply(call, call.prompt);
    case 'noise':
      return streamReply(call, noiseReply(num, call.prompt), HUGE_CHUNK_CHARS);
    case 'slow':
      return streamReply(call, solverReply(call.prompt), CHUNK_CHARS, Math.min(num, 600_000));
    case 'status':
      if (num < 400 || num > 599) return sendError(call.res, 400, `status:<code> needs a code from 400 to 599.`);
      return sendError(
        call.res,
        num,
        `Mock error: the model '${call.model}' always answers ${num}.`,
        num === 429 ? { 'Retry-After': '0' } : {},
      );
    case 'flaky':
    case 'flaky500': {
      const key = `${call.model}\n${call.prompt}`;
      const count = (call.seen.get(key) ?? 0) + 1;
      if (call.seen.size >= 10_000) call.seen.clear();
      call.seen.set(key, count);
      if (count > num) return streamReply(call, solverReply(call.prompt));
      const status = name === 'flaky' ? 429 : 503;
      return sendError(call.res, status, `Mock error: request ${count} of ${num} failing ones.`, {
        'Retry-After': '0',
      });
    }
    case 'garbled': {
      const sse = new SseWriter(call.res, call.model);
      await sse.delta('x1=True');
      await sse.data('{"choices": [{"delta": {"content": "oops"'); // truncated JSON
      await sse.data('[DONE]');
      return sse.end();
    }
    case 'stream_error': {
      const sse = new SseWriter(call.res, call.model);
      await sse.delta('x1=');
      await sse.data({
        error: { message: 'Mock error: the engine died mid-stream.', type: 'InternalServerError', code: 500 },
      });
      return sse.end();
    }
    case 'drop': {
      // Part of a reply, then the connection dies: the client must not retry once streaming began.
      const sse = new SseWriter(call.res, call.model);
      await sse.delta('x1=');
      await sse.sleep(20);
      return void call.res.destroy();
    }
    case 'endless': {
      const sse = new SseWriter(call.res, call.model);
      while (!sse.closed) {
        await sse.delta('x1=True, ');
        await sse.sleep(50);
      }
      return;
    }
    case 'stall': {
      // One chunk, then silence until the client gives up; SseWriter's close handler is all that runs afterwards.
      const sse = new SseWriter(call.res, call.model);
      return sse.delta('x1=');
    }
    case 'empty': {
      const sse = new SseWriter(call.res, call.model);
      await sse.delta('');
      await sse.delta(undefined, 'stop');
      await sse.usage(usageOf(call.prompt, ''));
      await sse.data('[DONE]');
      return sse.end();
    }
    case 'huge':
      return streamReply(call, hugeReply(Math.min(num, 200_000_000)), HUGE_CHUNK_CHARS);
    case 'nonstream':
      return completionJson(call, solverReply(call.prompt));
    default:
      return sendError(call.res, 404, `The model '${call.model}' does not exist`);
  }
}
