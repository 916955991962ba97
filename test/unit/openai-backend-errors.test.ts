// Every BackendError code the OpenAI backend produces, retries, deadlines, aborts and the reply size cap, against the
// real-HTTP mock. Node (vitest 'unit').

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hugeReply } from '../../src/node/mock-behaviours.ts';
import { startMockServer, type MockServer } from '../../src/node/mock-endpoint.ts';
import { createOpenAIBackend, type OpenAIConfig } from '../../src/shared/backend/openai.ts';
import { BackendError, type BackendErrorCode } from '../../src/shared/backend/types.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

const backend = (model: string, extra: Partial<OpenAIConfig> = {}) =>
  createOpenAIBackend({ baseUrl: mock.url, model, retryBaseMs: 1, ...extra });

const postsFor = (prompt: string) =>
  mock.requests.filter((r) => (r.body as { messages?: { content: string }[] })?.messages?.[0]?.content === prompt);

/** Runs a chat that must fail and returns the error, checking its code. */
async function failure(promise: Promise<unknown>, code: BackendErrorCode): Promise<BackendError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackendError);
  expect((err as BackendError).code).toBe(code);
  return err as BackendError;
}

/** A port nothing listens on: bind one, then release it. */
async function deadUrl(): Promise<string> {
  const s = await startMockServer();
  await s.close();
  return s.url;
}

describe('HTTP errors', () => {
  it('reports a non-retryable 4xx at once with the server message and advice', async () => {
    const err = await failure(backend('no-such-model').chat({ prompt: '404 once' }), 'http');
    expect(err.status).toBe(404);
    expect(err.message).toMatch(/The model 'no-such-model' does not exist/);
    expect(err.message).toMatch(/\/models lists/);
    expect(postsFor('404 once')).toHaveLength(1);
    const auth = await failure(backend('status:401').chat({ prompt: '401' }), 'http');
    expect(auth.message).toMatch(/API key/);
  });

  it('retries 5xx and gives up after maxRetries + 1 requests', async () => {
    const err = await failure(backend('status:500', { maxRetries: 2 }).chat({ prompt: '500 x3' }), 'http');
    expect(err.status).toBe(500);
    expect(err.message).toMatch(/after 3 attempts/);
    expect(postsFor('500 x3')).toHaveLength(3);
  });

  it("turns 429 after the retries into 'rate_limit'", async () => {
    const err = await failure(backend('status:429').chat({ prompt: '429 x4' }), 'rate_limit');
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/concurrency/);
    expect(postsFor('429 x4')).toHaveLength(4);
  });

  it('recovers from transient 429 and 503 and counts the attempts', async () => {
    expect((await backend('flaky:2').chat({ prompt: 'flaky 429' })).attempts).toBe(3);
    expect((await backend('flaky500:2').chat({ prompt: 'flaky 503' })).attempts).toBe(3);
    expect(postsFor('flaky 429')).toHaveLength(3);
    const short = await failure(backend('flaky:5', { maxRetries: 1 }).chat({ prompt: 'flaky short' }), 'rate_limit');
    expect(short.message).toMatch(/after 2 attempts/);
  });
});

describe('stream errors', () => {
  it("rejects garbled SSE and in-stream error objects as 'bad_stream'", async () => {
    const garbled = await failure(backend('garbled').chat({ prompt: 'g' }), 'bad_stream');
    expect(garbled.message).toMatch(/not JSON/);
    const inStream = await failure(backend('stream_error').chat({ prompt: 's' }), 'bad_stream');
    expect(inStream.message).toMatch(/engine died mid-stream/);
  });

  it("reports a content-free stream as 'empty', worded as Affine does", async () => {
    const err = await failure(backend('empty').chat({ prompt: 'e' }), 'empty');
    expect(err.message).toBe('LLM API returned empty content stream');
  });

  it('never retries once the reply has started streaming', async () => {
    const err = await failure(backend('drop').chat({ prompt: 'drop once' }), 'network');
    expect(err.message).toMatch(/in the middle of the reply/);
    expect(postsFor('drop once')).toHaveLength(1);
  });
});

describe('deadlines and aborts', () => {
  it("fails a stalled stream with 'timeout' after the idle limit", async () => {
    const started = performance.now();
    const err = await failure(backend('stall', { idleTimeoutMs: 300 }).chat({ prompt: 'stall' }), 'timeout');
    expect(err.message).toMatch(/sent nothing for 0\.3 s while streaming/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops an endless stream at the request deadline, and the server stops writing', async () => {
    const b = backend('endless', { timeoutMs: 300 });
    const err = await failure(b.chat({ prompt: 'endless' }), 'timeout');
    expect(err.message).toMatch(/within 0\.3 s/);
    await vi.waitFor(() => expect(mock.openResponses()).toBe(0), { timeout: 2000, interval: 20 });
  });

  it("stops with 'aborted' when the user aborts, mid-request or during a backoff", async () => {
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    await failure(backend('slow:5000').chat({ prompt: 'abort slow', signal: ctrl.signal }), 'aborted');

    const again = new AbortController();
    setTimeout(() => again.abort(), 100);
    const started = performance.now();
    const slowRetry = backend('status:503', { retryBaseMs: 30_000 });
    await failure(slowRetry.chat({ prompt: 'abort backoff', signal: again.signal }), 'aborted');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(postsFor('abort backoff')).toHaveLength(1);

    await failure(backend('solver').chat({ prompt: 'pre-aborted', signal: AbortSignal.abort() }), 'aborted');
    expect(postsFor('pre-aborted')).toHaveLength(0);
  });
});

describe('size cap', () => {
  it('receives a 5,000,000-character reply intact under the default cap', async () => {
    const result = await backend('huge:5000000').chat({ prompt: 'huge' });
    expect(result.content.length).toBe(5_000_000);
    expect(result.content === hugeReply(5_000_000)).toBe(true);
  });

  it("cuts it off with 'too_large' under a 1,000,000 cap and closes the connection", async () => {
    const err = await failure(backend('huge:5000000', { maxReplyChars: 1_000_000 }).chat({ prompt: 'h' }), 'too_large');
    expect(err.message).toMatch(/1,000,000 characters/);
    await vi.waitFor(() => expect(mock.openResponses()).toBe(0), { timeout: 2000, interval: 20 });
  });
});

describe('unreachable server', () => {
  it("reports 'network' after retrying", async () => {
    const url = await deadUrl();
    const err = await failure(
      createOpenAIBackend({ baseUrl: url, model: 'm', retryBaseMs: 1 }).chat({ prompt: 'x' }),
      'network',
    );
    expect(err.message).toMatch(/4 attempts/);
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).toMatch(/server is running/);
  });
});
