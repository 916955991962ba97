// The mock OpenAI endpoint itself: the solver's answers really satisfy Affine-style SAT prompts and are fast, CORS
// headers, the models list and request recording. Node (vitest 'unit').

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandler, startMockServer, type MockServer } from '../../src/node/mock-endpoint.ts';
import { solverReply } from '../../src/node/mock-solver.ts';
import { createOpenAIBackend } from '../../src/shared/backend/openai.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

/** A small seeded PRNG, so the generated prompts are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296;
}

/** A planted k-SAT prompt worded like Affine's SAT env (§5.1), independent of the app's own generator. */
function satPrompt(seed: number, n = 15, k = 10, m = 63): { prompt: string; clauses: number[][] } {
  const rand = prng(seed);
  const planted = Array.from({ length: n + 1 }, () => rand() < 0.5);
  const clauses: number[][] = [];
  for (let c = 0; c < m; c++) {
    const vars = Array.from({ length: n }, (_, i) => i + 1)
      .sort(() => rand() - 0.5)
      .slice(0, k);
    const keep = vars[Math.floor(rand() * k)];
    clauses.push(vars.map((v) => (v === keep ? (planted[v] ? v : -v) : rand() < 0.5 ? v : -v)));
  }
  const formula = clauses.map((c) => `(${c.map((l) => (l > 0 ? `x${l}` : `¬x${-l}`)).join(' ∨ ')})`).join(' ∧ ');
  const prompt =
    `Find a satisfying assignment for the following ${k}-SAT formula over variables x1..x${n}:\n${formula}\n` +
    'Provide your answer as comma-separated assignments like `x1=True, x2=False, ...`, ' +
    'or respond `UNSAT` if it has no solution.';
  return { prompt, clauses };
}

/** Affine's SAT scoring: the last `x<i>=<value>` per variable; every clause needs a true literal. */
function satisfies(reply: string, clauses: number[][]): boolean {
  const got = new Map<number, boolean>();
  for (const [, v, val] of reply.matchAll(/x(\d+)=(True|False|1|0)/g))
    got.set(Number(v), val === 'True' || val === '1');
  return clauses.every((c) => c.some((l) => got.get(Math.abs(l)) === l > 0));
}

describe('solver model', () => {
  it('answers Affine-style SAT prompts with satisfying assignments, over real HTTP', async () => {
    const b = createOpenAIBackend({ baseUrl: mock.url, model: 'solver' });
    for (let seed = 1; seed <= 20; seed++) {
      const { prompt, clauses } = satPrompt(seed);
      const { content, usage } = await b.chat({ prompt });
      expect(content).toMatch(/^x1=(True|False), x2=/);
      expect(satisfies(content, clauses)).toBe(true);
      expect(usage?.prompt_tokens).toBe(Math.ceil(prompt.length / 4));
    }
  });

  it('also solves harder 3-SAT near the threshold, deterministically', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { prompt, clauses } = satPrompt(seed, 40, 3, 160);
      const reply = solverReply(prompt);
      expect(satisfies(reply, clauses)).toBe(true);
      expect(solverReply(prompt)).toBe(reply);
    }
  });

  it("says 'I do not know.' to anything else, and 'wrong' always scores 0", async () => {
    expect(solverReply('What is 2 + 2?')).toBe('I do not know.');
    const { prompt, clauses } = satPrompt(99);
    const wrong = await createOpenAIBackend({ baseUrl: mock.url, model: 'wrong' }).chat({ prompt });
    expect(wrong.content).toBe('x1=True');
    expect(satisfies(wrong.content, clauses)).toBe(false);
  });

  it('needs well under a millisecond of CPU per SAT prompt', () => {
    const prompts = Array.from({ length: 300 }, (_, i) => satPrompt(1000 + i).prompt);
    prompts.slice(0, 20).forEach(solverReply); // warm-up
    const start = process.cpuUsage();
    for (const p of prompts) solverReply(p);
    const { user, system } = process.cpuUsage(start);
    const perPromptMs = (user + system) / 1000 / prompts.length;
    // Typically ~0.05 ms; the bound is loose because CI machines are shared.
    expect(perPromptMs).toBeLessThan(1);
  });
});

describe('HTTP surface', () => {
  it('answers preflights with CORS headers, and sends none under /nocors/', async () => {
    const pre = await fetch(`${mock.url}/chat/completions`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    const bare = await fetch(`${mock.origin}/nocors/v1/chat/completions`, { method: 'OPTIONS' });
    expect(bare.headers.get('access-control-allow-origin')).toBeNull();
    const models = await fetch(`${mock.origin}/nocors/v1/models`);
    expect(models.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toContain('solver');
  });

  it('serves chat under any prefix, as when Vite mounts it at /demo/v1, and passes other paths on', async () => {
    const handler = createMockHandler();
    let passed = 0;
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      // What connect does for app.use('/demo/v1', handler): strip the mount path, keep originalUrl.
      const original = req.url ?? '/';
      if (!original.startsWith('/demo/v1')) return void res.writeHead(404).end();
      Object.assign(req, { originalUrl: original, url: original.slice('/demo/v1'.length) || '/' });
      handler(req, res, () => (passed++, res.writeHead(418).end()));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const { port } = server.address() as { port: number };
      const b = createOpenAIBackend({ baseUrl: `http://127.0.0.1:${port}/demo/v1`, model: 'echo' });
      expect((await b.chat({ prompt: 'demo' })).content).toBe('demo');
      expect((await fetch(`http://127.0.0.1:${port}/demo/v1/other`)).status).toBe(418);
      expect(passed).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });

  it('records method, path, headers and parsed body', async () => {
    await createOpenAIBackend({ baseUrl: mock.url, model: 'echo', apiKey: 'k' }).chat({ prompt: 'recorded', seed: 7 });
    const last = mock.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'echo', seed: 7 } });
    expect(last.headers.authorization).toBe('Bearer k');
  });
});
