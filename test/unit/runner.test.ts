// The evaluation loop against the real-HTTP mock endpoint and the real SAT environment: scoring, concurrency measured
// on the server, resume skipping, failures, halting, aborting and Affine's per-task seed. Node (vitest 'unit').

import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sat } from '../../envs/sat/index.ts';
import { startMockServer, type MockServer } from '../../src/node/mock-endpoint.ts';
import { affineSeed } from '../../src/shared/affine-seed.ts';
import { createOpenAIBackend } from '../../src/shared/backend/openai.ts';
import { BackendError, type Backend } from '../../src/shared/backend/types.ts';
import { runEvaluation, type EvalItem, type RunnerOptions } from '../../src/shared/eval/runner.ts';
import { taskKey, type SampleRecord } from '../../src/shared/eval/sample.ts';

let server: MockServer;
beforeEach(async () => {
  server = await startMockServer();
});
afterEach(() => server.close());

const backend = (model: string, baseUrl = server.url) => createOpenAIBackend({ baseUrl, model, retryBaseMs: 1 });
const items = (...ids: (number | bigint)[]): EvalItem[] => ids.map((id) => ({ env: sat, taskId: BigInt(id) }));
const range = (n: number) => items(...Array.from({ length: n }, (_, i) => i));
const chats = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
const promptOf = (body: unknown) => (body as { messages: { content: string }[] }).messages[0]!.content;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the evaluation and collects the samples it hands on. */
async function run(opts: Partial<RunnerOptions> & Pick<RunnerOptions, 'backend' | 'items'>) {
  const samples: SampleRecord[] = [];
  const outcome = await runEvaluation({ runId: 'r1', concurrency: 4, onSample: (s) => void samples.push(s), ...opts });
  return { outcome, samples };
}

/** Affine's seed, computed here from the formula in docs/affine-envs.md §1.2 with Node's own SHA-256. */
const seedOf = (envName: string, taskId: bigint) =>
  createHash('sha256').update(`${envName}:${taskId}`).digest().readUInt32BE(4);

describe('runEvaluation', () => {
  it('scores every item, and every solver sample scores 1', async () => {
    const { outcome, samples } = await run({ backend: backend('solver'), items: range(12) });
    expect(outcome).toEqual({ kind: 'done' });
    expect(samples.map((s) => s.taskId).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i)),
    );
    for (const s of samples) {
      expect(s).toMatchObject({
        runId: 'r1',
        env: 'sat',
        envName: 'affine:sat',
        score: 1,
        error: null,
        model: 'solver',
      });
      expect(s.taskKey).toBe(taskKey(s.taskId));
      expect(s.prompt).toBe((await sat.task(BigInt(s.taskId))).prompt);
      expect(s.extra).toMatchObject({ satisfied_clauses: 63, clauses: 63 });
    }
    expect(chats()).toHaveLength(12);
  });

  it('keeps at most `concurrency` requests open on the server, and uses them all', async () => {
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, server.openResponses())), 2);
    try {
      const { outcome, samples } = await run({ backend: backend('slow:50'), items: range(12), concurrency: 3 });
      expect(outcome.kind).toBe('done');
      expect(samples).toHaveLength(12);
    } finally {
      clearInterval(poll);
    }
    expect(peak).toBe(3);
    expect(chats()).toHaveLength(12);
  });

  it('skips items isDone reports as stored, without calling the model', async () => {
    const done = new Set([0, 2, 4, 6, 8].map((i) => taskKey(BigInt(i))));
    const { outcome, samples } = await run({
      backend: backend('solver'),
      items: range(10),
      isDone: (env, key) => env === 'sat' && done.has(key),
    });
    expect(outcome.kind).toBe('done');
    expect(samples.map((s) => Number(s.taskId)).sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9]);
    const asked = chats().map((r) => promptOf(r.body));
    expect(asked).toHaveLength(5);
    for (const id of [1, 3, 5, 7, 9]) expect(asked).toContain((await sat.task(BigInt(id))).prompt);
  });

  it('scores HTTP 500 failures 0 with error type "http" and finishes the run', async () => {
    const failing = new Set([(await sat.task(1n)).prompt, (await sat.task(4n)).prompt]);
    const good = backend('solver');
    const bad = backend('status:500');
    const mixed: Backend = { model: 'solver', chat: (req) => (failing.has(req.prompt) ? bad : good).chat(req) };
    const { outcome, samples } = await run({ backend: mixed, items: range(6), concurrency: 2 });
    expect(outcome).toEqual({ kind: 'done' });
    expect(samples).toHaveLength(6);
    for (const s of samples) {
      if (s.taskId === '1' || s.taskId === '4') {
        expect(s.score).toBe(0);
        expect(s.reply).toBe('');
        expect(s.error?.type).toBe('http');
        expect(s.error?.message).toMatch(/HTTP 500/);
      } else {
        expect(s).toMatchObject({ score: 1, error: null });
      }
    }
    // The backend retried each failing task before giving up: 1 + 3 attempts each.
    expect(chats().filter((r) => (r.body as { model: string }).model === 'status:500')).toHaveLength(8);
  });

  it('halts with no samples when the endpoint is unreachable', async () => {
    const gone = await startMockServer();
    await gone.close();
    const { outcome, samples } = await run({ backend: backend('solver', gone.url), items: range(5), concurrency: 2 });
    expect(outcome.kind).toBe('halted');
    const error = (outcome as { error: Error }).error;
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).code).toBe('network');
    expect(error.message).toMatch(/Could not reach/);
    expect(samples).toEqual([]);
  });

  it('stops early on abort: in-flight calls are cancelled and no sample arrives afterwards', async () => {
    const ctrl = new AbortController();
    let abortedAt = 0;
    const late: string[] = [];
    const samples: SampleRecord[] = [];
    const outcome = await runEvaluation({
      runId: 'r1',
      backend: backend('slow:400'),
      items: range(10),
      concurrency: 2,
      signal: ctrl.signal,
      onSample: (s) => {
        if (abortedAt) late.push(s.taskId);
        samples.push(s);
        // The first batch of two finishes together; abort while the second batch is mid-stream.
        if (samples.length === 1) setTimeout(() => ((abortedAt = Date.now()), ctrl.abort()), 150);
      },
    });
    expect(outcome).toEqual({ kind: 'aborted' });
    expect(late).toEqual([]);
    expect(samples.map((s) => s.taskId).sort()).toEqual(['0', '1']);
    expect(chats()).toHaveLength(4); // two done, two cancelled, none started after the abort
    for (let i = 0; i < 50 && server.openResponses() > 0; i++) await sleep(10);
    expect(server.openResponses()).toBe(0);
  });

  it('makes no request when the signal is already aborted', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const { outcome, samples } = await run({ backend: backend('solver'), items: range(3), signal: ctrl.signal });
    expect(outcome).toEqual({ kind: 'aborted' });
    expect(samples).toEqual([]);
    expect(chats()).toHaveLength(0);
  });

  it("sends Affine's seed for (env name, task id), also for ids beyond 2^53", async () => {
    expect(seedOf('affine:ded-v2', 20100n)).toBe(3683191326); // the documented vector pins the helper
    const ids = [7n, 2n ** 53n + 1n, 2n ** 64n - 1n];
    const { samples } = await run({ backend: backend('solver'), items: items(...ids) });
    for (const id of ids) {
      const expected = seedOf('affine:sat', id);
      expect(await affineSeed('affine:sat', id)).toBe(expected);
      const prompt = (await sat.task(id)).prompt;
      const req = chats().find((r) => promptOf(r.body) === prompt);
      expect((req?.body as { seed?: number }).seed).toBe(expected);
      expect(samples.find((s) => s.taskId === id.toString())?.seed).toBe(expected);
    }
  });

  it('resolves only after every onSample has finished', async () => {
    const stored: string[] = [];
    const outcome = await runEvaluation({
      runId: 'r1',
      backend: backend('solver'),
      items: range(4),
      concurrency: 4,
      onSample: async (s) => {
        await sleep(40);
        stored.push(s.taskId);
      },
    });
    expect(outcome.kind).toBe('done');
    expect(stored).toHaveLength(4);
  });
});
