// The OpenAI backend against the real-HTTP mock: the request Affine sends, the reply it assembles, config checks, and
// the browser-only CORS diagnosis. Node (vitest 'unit').

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../../src/node/mock-endpoint.ts';
import { validateOpenAIConfig } from '../../src/shared/backend/config.ts';
import { chatRequestBody, createOpenAIBackend, type OpenAIConfig } from '../../src/shared/backend/openai.ts';
import { backoffMs, parseRetryAfter } from '../../src/shared/backend/retry.ts';
import { BackendError } from '../../src/shared/backend/types.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
afterEach(() => {
  vi.unstubAllGlobals();
});

const backend = (model: string, extra: Partial<OpenAIConfig> = {}) =>
  createOpenAIBackend({ baseUrl: mock.url, model, retryBaseMs: 1, ...extra });

/** The recorded chat requests whose prompt is `prompt` (tests use unique prompts, so they can share one server). */
const callsFor = (prompt: string) =>
  mock.requests.filter((r) => (r.body as { messages?: { content: string }[] })?.messages?.[0]?.content === prompt);

describe('request', () => {
  it('sends exactly the body and headers Affine sends', async () => {
    const prompt = 'body check ∧ ¬x1';
    await backend('echo', { apiKey: 'sk-test' }).chat({ prompt, seed: 3683191326 });
    const [call] = callsFor(prompt);
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/v1/chat/completions');
    expect(JSON.stringify(call.body)).toBe(
      `{"model":"echo","messages":[{"role":"user","content":${JSON.stringify(prompt)}}],"temperature":0,` +
        '"stream":true,"stream_options":{"include_usage":true},"seed":3683191326}',
    );
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers.authorization).toBe('Bearer sk-test');
  });

  it('omits seed, max_tokens and Authorization unless given; appends max_tokens last', async () => {
    await backend('echo', { baseUrl: `${mock.url}/` }).chat({ prompt: 'no extras' });
    const [plain] = callsFor('no extras');
    expect(plain.path).toBe('/v1/chat/completions');
    expect(Object.keys(plain.body as object)).toEqual(['model', 'messages', 'temperature', 'stream', 'stream_options']);
    expect(plain.headers.authorization).toBeUndefined();

    await backend('echo', { maxTokens: 64 }).chat({ prompt: 'capped', seed: 0 });
    const [capped] = callsFor('capped');
    expect(Object.keys(capped.body as object).slice(-2)).toEqual(['seed', 'max_tokens']);
    expect((capped.body as { max_tokens: number }).max_tokens).toBe(64);
    expect(chatRequestBody({ model: 'm' }, { prompt: 'p' })).toContain('"temperature":0,');
  });
});

describe('reply', () => {
  it('concatenates the streamed deltas and takes usage from the usage chunk', async () => {
    const prompt = 'Ünïcödé ∧ ∨ ¬ '.repeat(40); // several 64-char chunks with multi-byte characters
    const result = await backend('echo').chat({ prompt });
    expect(result.content).toBe(prompt);
    const tokens = Math.ceil(prompt.length / 4);
    expect(result.usage).toEqual({ prompt_tokens: tokens, completion_tokens: tokens, total_tokens: 2 * tokens });
    expect(result.attempts).toBe(1);
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('accepts a plain JSON chat.completion from a server that ignores stream: true', async () => {
    const result = await backend('nonstream').chat({ prompt: 'Solve (x1 ∨ x2) ∧ (¬x1 ∨ x2)' });
    expect(result.content).toBe('x1=False, x2=True');
    expect(result.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('measures latency around the successful attempt', async () => {
    const result = await backend('slow:150').chat({ prompt: 'slow latency' });
    expect(result.content).toBe('I do not know.');
    expect(result.latencyMs).toBeGreaterThanOrEqual(140);
    expect(result.latencyMs).toBeLessThan(2000);
  });
});

describe('config', () => {
  it.each([
    ['http//nope', /not a valid URL/],
    ['ftp://host/v1', /"ftp:" scheme/],
    ['localhost:8000/v1', /"localhost:" scheme/],
    ['', /empty/],
    ['http://host/v1?x=1', /query/],
  ])('rejects the base URL %j', (baseUrl, problem) => {
    expect(validateOpenAIConfig({ baseUrl, model: 'm' })).toEqual([expect.stringMatching(problem)]);
    expect(() => createOpenAIBackend({ baseUrl, model: 'm' })).toThrow(BackendError);
  });

  it('lists every problem and throws invalid_config with them', () => {
    const bad = { baseUrl: 'nope', model: ' ', timeoutMs: -1, maxRetries: 1.5, retryBaseMs: Number.NaN };
    expect(validateOpenAIConfig(bad)).toHaveLength(5);
    const err = (() => {
      try {
        createOpenAIBackend(bad);
      } catch (e) {
        return e as BackendError;
      }
    })();
    expect(err?.code).toBe('invalid_config');
    expect(err?.message).toMatch(/timeoutMs must be at least 1, got -1/);
    expect(validateOpenAIConfig({ baseUrl: 'https://api.example.com/v1', model: 'm', maxTokens: 5 })).toEqual([]);
  });
});

describe('retry timing', () => {
  it('backs off exponentially with jitter, honours Retry-After, and caps both', () => {
    expect(backoffMs(1, 500, undefined, () => 0)).toBe(250);
    expect(backoffMs(3, 500, undefined, () => 0.999_999)).toBeCloseTo(2000, 0);
    expect(backoffMs(30, 500, undefined, () => 1)).toBe(60_000);
    expect(backoffMs(1, 500, 2000)).toBe(2000);
    expect(backoffMs(1, 500, 3_600_000)).toBe(60_000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('follows Retry-After: 0 instead of a long backoff', async () => {
    const started = performance.now();
    const result = await backend('flaky:1', { retryBaseMs: 20_000 }).chat({ prompt: 'retry-after zero' });
    expect(result.attempts).toBe(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

/** fetch as a page sees it: a preflight first, and a bare TypeError when the server sends no CORS headers. */
const browserFetch: typeof fetch = async (input, init) => {
  if (init?.mode === 'no-cors') return fetch(input, init); // opaque in a real browser, but it resolves
  const preflight = await fetch(input, { method: 'OPTIONS' });
  const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
  if (preflight.headers.get('access-control-allow-origin') !== '*' || !allowed.includes('authorization')) {
    throw new TypeError('Failed to fetch');
  }
  const res = await fetch(input, init);
  if (!res.headers.get('access-control-allow-origin')) throw new TypeError('Failed to fetch');
  return res;
};

describe('CORS in a browser', () => {
  it('works against an endpoint that sends CORS headers', async () => {
    vi.stubGlobal('document', {});
    const b = createOpenAIBackend({ baseUrl: mock.url, model: 'wrong', apiKey: 'k' }, browserFetch);
    expect((await b.chat({ prompt: 'cors ok' })).content).toBe('x1=True');
  });

  it("reports 'cors', without retrying, when the server is reachable but sends no CORS headers", async () => {
    vi.stubGlobal('document', {});
    const b = createOpenAIBackend(
      { baseUrl: `${mock.origin}/nocors/v1`, model: 'solver', retryBaseMs: 1 },
      browserFetch,
    );
    const err = await b.chat({ prompt: 'cors refused' }).catch((e: BackendError) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe('cors');
    expect((err as BackendError).message).toMatch(/Access-Control-Allow-Origin/);
    expect((err as BackendError).message).toMatch(/--allowed-origins/);
    expect((err as BackendError).message).toMatch(/command-line/);
    // One preflight and one no-cors probe; the chat request itself never got past the preflight.
    const nocors = mock.requests.filter((r) => r.path.startsWith('/nocors/'));
    expect(nocors.map((r) => r.method)).toEqual(['OPTIONS', 'GET']);
  });

  it("still reports 'network' when the probe cannot reach the server either", async () => {
    vi.stubGlobal('document', {});
    const closed = await startMockServer();
    await closed.close();
    const b = createOpenAIBackend(
      { baseUrl: closed.url, model: 'solver', retryBaseMs: 1, maxRetries: 1 },
      browserFetch,
    );
    await expect(b.chat({ prompt: 'down' })).rejects.toMatchObject({ code: 'network' });
  });

  it('does not probe outside a browser', async () => {
    const b = createOpenAIBackend(
      { baseUrl: `${mock.origin}/nocors/v1`, model: 'solver', maxRetries: 0 },
      browserFetch,
    );
    await expect(b.chat({ prompt: 'node cors' })).rejects.toMatchObject({ code: 'network' });
  });
});
