// Reads an OpenAI chat completion body, streamed (SSE) or not (JSON), into content and usage. Both realms.

import { createParser } from 'eventsource-parser';
import { badStreamError, serverMessage, snippet, timeoutError, tooLargeError } from './errors.ts';
import { type BackendError, type ChatUsage } from './types.ts';

export interface ReadOptions {
  /** Aborted by the caller with a BackendError as `reason` (user abort, request deadline); that error is thrown. */
  signal: AbortSignal;
  /** Longest wait for the next body chunk before failing with 'timeout'. */
  idleTimeoutMs: number;
  maxReplyChars: number;
  /** Used in the idle-timeout message. */
  url: string;
  /** Called with the size of every body chunk, so the caller knows whether the body had started. */
  onBytes?: (bytes: number) => void;
}

export interface ChatBody {
  content: string;
  usage: ChatUsage | null;
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/**
 * One `reader.read()` that also fails when `signal` aborts (with its reason) or when no chunk arrives within
 * `idleMs`. Racing instead of relying on fetch's own signal keeps this working with fetch stand-ins that ignore it.
 */
export function readChunk(reader: Reader, signal: AbortSignal, idleMs: number, url: string) {
  return new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => settle(() => reject(signal.reason));
    const timer = setTimeout(() => settle(() => reject(timeoutError('idle', idleMs, url))), idleMs);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => settle(() => resolve(result)),
      (err: unknown) => settle(() => reject(signal.aborted ? signal.reason : err)),
    );
  });
}

/** Reads at most `maxChars` of a (small) error body as text, then drops the rest. */
export async function readErrorText(body: ReadableStream<Uint8Array> | null, opts: ReadOptions, maxChars = 65_536) {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < maxChars) {
      const { value, done } = await readChunk(reader, opts.signal, opts.idleTimeoutMs, opts.url);
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.cancel().catch(() => {});
  }
}

function parseUsage(value: unknown): ChatUsage | null {
  if (!value || typeof value !== 'object') return null;
  const u = value as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  const prompt = num(u.prompt_tokens);
  const completion = num(u.completion_tokens);
  if (prompt === undefined || completion === undefined) return null;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: num(u.total_tokens) ?? prompt + completion,
  };
}

/** A server-side error object inside a 200 body: OpenAI's `{error}` or vLLM/sglang's `{object: 'error'}`. */
function isErrorObject(json: Record<string, unknown>): boolean {
  return (json.error !== undefined && json.error !== null) || json.object === 'error';
}

/**
 * Reads a 200 chat completion body. SSE chunks contribute `choices[0].delta.content` (`reasoning_content` is never
 * scored, so it is skipped) and the latest `usage`; reading stops at `[DONE]` or the end of the body. A body that
 * starts with `{` is taken as a plain `chat.completion` from a server that ignored `stream: true`.
 */
export async function readChatBody(body: ReadableStream<Uint8Array> | null, opts: ReadOptions): Promise<ChatBody> {
  const out: ChatBody = { content: '', usage: null };
  if (!body) return out;
  let failure: BackendError | undefined;
  let finished = false;
  let events = 0;
  let ignoredLines = 0;
  const max = opts.maxReplyChars;
  // JSON escaping can make a line up to 6x longer than its content (`\uXXXX`), plus room for the envelope.
  const bodyCap = max * 6 + 1_048_576;

  const onData = (data: string) => {
    if (finished || failure) return;
    events++;
    if (data.trim() === '[DONE]') return void (finished = true);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return void (failure = badStreamError(`a data line is not JSON: "${snippet(data, 120)}"`));
    }
    if (!json || typeof json !== 'object') return void (failure = badStreamError(`unexpected data "${snippet(data)}"`));
    if (isErrorObject(json)) {
      return void (failure = badStreamError(`the server reported an error mid-stream: ${serverMessage(data)}`));
    }
    const choice = Array.isArray(json.choices) ? (json.choices[0] as { delta?: { content?: unknown } }) : undefined;
    const piece = choice?.delta?.content;
    if (typeof piece === 'string' && piece) {
      if (out.content.length + piece.length > max) return void (failure = tooLargeError(max));
      out.content += piece;
    }
    out.usage = parseUsage(json.usage) ?? out.usage;
  };

  const parser = createParser({
    onEvent: (event) => onData(event.data),
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') failure ??= tooLargeError(max);
      else ignoredLines++; // Unknown fields are legal SSE (ignored); counted to spot bodies that are not SSE at all.
    },
    maxBufferSize: bodyCap,
  });

  const reader = body.getReader();
  const decoder = new TextDecoder();
  let mode = 'sniff' as 'sniff' | 'sse' | 'json';
  // The start of the body (for error messages); for a JSON body, all of it.
  let head = '';
  const feed = (text: string) => {
    if (mode === 'sse') {
      if (head.length < 300) head += text.slice(0, 300);
      return parser.feed(text);
    }
    head += text;
    if (mode === 'sniff') {
      const first = head.trimStart()[0];
      if (first === undefined) return;
      mode = first === '{' ? 'json' : 'sse';
      if (mode === 'sse') return parser.feed(head);
    }
    if (head.length > bodyCap) failure = tooLargeError(max);
  };

  try {
    while (!finished && !failure) {
      const { value, done } = await readChunk(reader, opts.signal, opts.idleTimeoutMs, opts.url);
      if (done) break;
      opts.onBytes?.(value.byteLength);
      feed(decoder.decode(value, { stream: true }));
    }
    if (!finished && !failure) {
      feed(decoder.decode());
      // A final event without its terminating blank line still counts, as in the OpenAI SDK.
      if (mode === 'sse') parser.feed('\n\n');
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (failure) throw failure;
  if (mode === 'json') return parseCompletion(head, max);
  if (events === 0 && ignoredLines > 0) throw badStreamError(`the body is neither SSE nor JSON: "${snippet(head)}"`);
  return out;
}

/** A non-streamed `chat.completion`: `choices[0].message.content` and `usage`. */
function parseCompletion(text: string, max: number): ChatBody {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw badStreamError(`the JSON body does not parse: "${snippet(text, 120)}"`);
  }
  if (isErrorObject(json)) throw badStreamError(`the server reported an error: ${serverMessage(text)}`);
  const choice = Array.isArray(json.choices) ? (json.choices[0] as { message?: { content?: unknown } }) : undefined;
  const content = typeof choice?.message?.content === 'string' ? choice.message.content : '';
  if (content.length > max) throw tooLargeError(max);
  return { content, usage: parseUsage(json.usage) };
}
