// The Affine-compatible JSONL form of a sample: field names, exact big task ids, round trips, and import errors that
// name the line and the field. Node (vitest 'unit').

import { describe, expect, it } from 'vitest';
import {
  ImportError,
  parseJsonl,
  sampleFromJsonl,
  sampleToJsonl,
  taskKey,
  type SampleRecord,
} from '../../src/shared/eval/sample.ts';

/** A plausible scored SAT sample; `over` replaces fields. */
function sample(over: Partial<SampleRecord> = {}): SampleRecord {
  const taskId = over.taskId ?? '7';
  return {
    runId: 'run-a',
    env: 'sat',
    envName: 'affine:sat',
    taskId,
    taskKey: taskKey(taskId),
    prompt: 'Find a satisfying assignment for (x1 ∨ ¬x2) ∧ (x2)',
    reply: 'x1=True, x2=True',
    score: 1,
    latencyMs: 812,
    timestamp: 1_760_000_000_123,
    model: 'org/model-7b',
    modelRevision: 'abc123',
    seed: 3683191326,
    usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
    attempts: 1,
    error: null,
    extra: { assigned: 2, satisfied_clauses: 2, clauses: 2, assignment: { '1': true, '2': true } },
    ...over,
  };
}

const roundTrip = (s: SampleRecord) => sampleFromJsonl(sampleToJsonl(s), 1, s.runId);

describe('sampleToJsonl', () => {
  it("writes Affine's field names, in Affine's order, with the conversation in extra", () => {
    const s = sample();
    const line = sampleToJsonl(s);
    expect(line).not.toContain('\n');
    const o = JSON.parse(line) as Record<string, any>;
    expect(Object.keys(o)).toEqual([
      'env',
      'task_id',
      'score',
      'success',
      'latency_ms',
      'timestamp',
      'model',
      'model_revision',
      'error',
      'extra',
    ]);
    expect(o).toMatchObject({
      env: 'affine:sat',
      task_id: 7,
      score: 1,
      success: true,
      latency_ms: 812,
      timestamp: 1_760_000_000_123,
      model: 'org/model-7b',
      model_revision: 'abc123',
      error: null,
    });
    expect(o.extra.conversation).toEqual([
      { role: 'user', content: s.prompt },
      { role: 'assistant', content: s.reply },
    ]);
    expect(o.extra).toMatchObject({ seed: 3683191326, attempts: 1, env_id: 'sat', satisfied_clauses: 2 });
    expect(o.extra.usage).toEqual(s.usage);
  });

  it('writes task ids as bare integers, exact up to 2^64 - 1', () => {
    const line = sampleToJsonl(sample({ taskId: '18446744073709551615' }));
    expect(line).toMatch(/^\{"env":"affine:sat","task_id":18446744073709551615,"score":1,/);
    expect(sampleToJsonl(sample({ taskId: '0' }))).toContain('"task_id":0,');
  });

  it('writes a failed call as Affine does: error text, error_type, no assistant content, success false', () => {
    const o = JSON.parse(
      sampleToJsonl(sample({ score: 0, reply: '', error: { type: 'http', message: 'HTTP 500 from x.' } })),
    ) as Record<string, any>;
    expect(o.error).toBe('http: HTTP 500 from x.');
    expect(o.success).toBe(false);
    expect(o.extra.error_type).toBe('http');
    expect(o.extra.conversation[1]).toEqual({ role: 'assistant', content: null });
  });
});

describe('round trip', () => {
  it('restores every field of a scored sample', () => {
    expect(roundTrip(sample())).toEqual(sample());
  });

  it('restores task ids beyond 2^53 exactly', () => {
    for (const id of ['9007199254740993', '18446744073709551615', '12345678901234567890']) {
      const back = roundTrip(sample({ taskId: id }));
      expect(back.taskId).toBe(id);
      expect(back.taskKey).toBe(id.padStart(20, '0'));
    }
  });

  it('restores an error sample, with its type and message', () => {
    const s = sample({
      score: 0,
      reply: '',
      usage: null,
      extra: {},
      error: { type: 'rate_limit', message: 'HTTP 429 from http://h/v1 after 4 attempts: slow down.' },
    });
    expect(roundTrip(s)).toEqual(s);
  });

  it('restores unicode, JSON-looking text and lone surrogates in prompt and reply', () => {
    const s = sample({
      prompt: '¬x1 ∨ x2 ∧ 日本語 🎉 \u2028 "quoted" \\ back\tslash',
      reply: '"task_id": 99999999999999999999, "score": 1 \ud800 x١=True',
    });
    expect(roundTrip(s)).toEqual(s);
  });

  it('restores replies that look like its own big-integer placeholder', () => {
    for (const reply of ['__BIG__7', '__BIG__18446744073709551615']) {
      const s = sample({ reply, score: 0 });
      expect(roundTrip(s)).toEqual(s);
    }
  });

  it('restores a 1 MB reply', () => {
    const reply = 'x1=True, x2=False ∧ '.repeat(52_429).slice(0, 1_048_576);
    const back = roundTrip(sample({ reply }));
    expect(back.reply).toHaveLength(1_048_576);
    expect(back.reply).toBe(reply);
  });
});

describe('parseJsonl', () => {
  const good = sampleToJsonl(sample());
  const good2 = sampleToJsonl(sample({ taskId: '8', score: 0 }));

  /** The message of the ImportError for a file whose line 3 is `bad`. */
  function errorFor(bad: string): string {
    try {
      parseJsonl([good, good2, bad].join('\n'), 'r');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return (e as Error).message;
    }
    throw new Error(`parseJsonl accepted ${bad}`);
  }
  const mutate = (f: (o: Record<string, any>) => void) => {
    const o = JSON.parse(good) as Record<string, any>;
    f(o);
    return JSON.stringify(o);
  };

  it('names the line and the field of a malformed sample', () => {
    expect(errorFor('{"env": "affine:sat", ')).toMatch(/^Line 3: not valid JSON/);
    expect(errorFor('[1, 2, 3]')).toBe('Line 3: expected a JSON object.');
    expect(errorFor('"just a string"')).toBe('Line 3: expected a JSON object.');
    expect(errorFor(mutate((o) => delete o.env))).toBe('Line 3: "env" must be a non-empty string.');
    expect(errorFor(mutate((o) => delete o.task_id))).toBe('Line 3: "task_id" must be a non-negative integer.');
    expect(errorFor(good.replace('"task_id":7', '"task_id":-7'))).toMatch(/^Line 3: "task_id" must be/);
    expect(errorFor(good.replace('"task_id":7', '"task_id":"seven"'))).toMatch(/^Line 3: "task_id" must be/);
    expect(errorFor(good.replace('"task_id":7', '"task_id":7.5'))).toMatch(/^Line 3: "task_id" must be/);
    expect(errorFor(mutate((o) => (o.score = '1')))).toBe('Line 3: "score" must be a number.');
    expect(errorFor(mutate((o) => delete o.extra.conversation))).toMatch(/^Line 3: "extra.conversation" must list/);
    expect(errorFor(mutate((o) => (o.extra.conversation = [{ role: 'assistant', content: 'x' }])))).toBe(
      'Line 3: "extra.conversation" has no user message.',
    );
  });

  it('skips blank lines (and CRLF endings) but counts them in line numbers', () => {
    const text = `\n${good}\r\n\r\n   \n${good2}\n\n`;
    expect(parseJsonl(text, 'r').map((s) => s.taskId)).toEqual(['7', '8']);
    expect(() => parseJsonl(`${good}\n\n\n{oops}\n`, 'r')).toThrow(/^Line 4: not valid JSON/);
  });

  it('refuses a file with no samples', () => {
    expect(() => parseJsonl('\n  \n', 'r')).toThrow(
      new ImportError('The file holds no samples (expected one JSON object per line).'),
    );
  });

  it('reads minimal Affine records, deriving env id and defaults', () => {
    const [s] = parseJsonl(
      '{"env":"affine:sat","task_id":3,"score":0.5,"extra":{"conversation":[{"role":"user","content":"p"}]}}',
      'imported',
    );
    expect(s).toMatchObject({
      runId: 'imported',
      env: 'sat',
      envName: 'affine:sat',
      taskId: '3',
      reply: '',
      score: 0.5,
    });
    expect(s!.taskKey).toBe('00000000000000000003');
    expect(s!.error).toBeNull();
  });
});
