// DED (envs/ded): verbatim prompt suffix, test-case preparation against upstream's code in CPython, and end-to-end
// scoring of the fixture dataset on the native python executor. Node realm.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EvaluatorError } from '../../envs/common/executor';
import { ded } from '../../envs/ded';
import { DED_PROMPT_SUFFIX } from '../../envs/ded/meta';
import { planDed, type DedStep } from '../../envs/ded/score';
import { memoryDataset, parseJsonlRows } from '../../src/shared/datasets';
import { affineRef, PythonExecutor, type RefResult } from '../support/python-executor';

const FIXTURE = new URL('../fixtures/rl-python-mini.jsonl', import.meta.url);
const TEXT = readFileSync(FIXTURE, 'utf8');
const rows = parseJsonlRows(TEXT);
const exec = new PythonExecutor();
const ctx = { exec, dataset: memoryDataset('rl-python-mini', rows) };

/** docs/affine-envs.md §5.3, the JSON literal of the suffix. */
const DOC_SUFFIX: string = JSON.parse(
  '"\\n\\n---\\n⚠️ **Instructions** ⚠️\\nWrite a complete **Python 3** program that\\n• reads *all* input from **STDIN** (using `input()` / `sys.stdin`),\\n• writes *only* the required answer(s) to **STDOUT** using `print`,\\n• contains no additional prompts or debug text, and\\n• is returned as a single ```python … ``` fenced block.\\n"',
);

describe('DED prompt', () => {
  it('is prompt.rstrip() plus the documented suffix', async () => {
    expect(DED_PROMPT_SUFFIX).toBe(DOC_SUFFIX);
    expect([...DED_PROMPT_SUFFIX.slice(6, 8)].map((c) => c.codePointAt(0))).toEqual([0x26a0, 0xfe0f]);
    const t0 = await ded.task(0n, ctx);
    expect(t0.prompt).toBe('You are given n and then n integers on one line. Print their sum.' + DOC_SUFFIX);
    const t2 = await ded.task(2n, ctx);
    expect(t2.prompt.startsWith('Read a line and print it reversed.\n\n---\n')).toBe(true);
    expect(t2.prompt.endsWith('fenced block.\n')).toBe(true);
    await expect(ded.task(99n, ctx)).rejects.toThrow(RangeError);
  });
});

/** `ref` is upstream's plan; `parsed` its parse step ("PARSE_FAILED" where evaluate returns 0 before the loop). */
function comparePlan(
  program: string,
  data: { verificationInfo: unknown; testCases: unknown },
  ref: RefResult,
  parsed: RefResult,
) {
  let mine: ReturnType<typeof planDed> | { thrown: true };
  try {
    mine = planDed(program, data);
  } catch (e) {
    if (!(e instanceof EvaluatorError)) throw e;
    mine = { thrown: true };
  }
  if ('v' in parsed && parsed.v === 'PARSE_FAILED') return expect(mine).toEqual({ error: 'unparseable_test_cases' });
  if ('e' in ref) {
    // Upstream raised, before the loop or at some case.
    expect('thrown' in mine || ('steps' in mine && mine.steps.some((s) => s.kind === 'crash'))).toBe(true);
    return;
  }
  if (ref.v === 'NO_CASES') return expect(mine).toMatchObject({ error: 'no_test_cases' });
  const steps = (mine as { steps: DedStep[] }).steps;
  expect(
    steps.map((s) => (s.kind === 'skip' ? 'skip' : s.kind === 'run' ? [s.type, s.stdin, s.program, s.expected] : s)),
  ).toEqual(ref.v);
}

describe('DED test-case preparation matches upstream', () => {
  it('for every fixture row', () => {
    const program = 'print(1)';
    // The Python side reads the fixture's own lines with json.loads (objects stay objects there).
    const lines = TEXT.trim().split('\n');
    const refs = affineRef(lines.map((l) => ['ded_plan_row', program, l]));
    rows.forEach((row, i) =>
      comparePlan(program, { verificationInfo: row.verification_info, testCases: row.test_cases }, refs[i], {
        v: 'ok',
      }),
    );
  });

  it('for odd values', () => {
    const odd: string[] = [
      '[1, 2]',
      'None',
      '{"other": 1}',
      '{"test_cases": {"type": "stdin_stdout"}}',
      '{"test_cases": "abc"}',
      '{"test_cases": 5}',
      '{"test_cases": [1]}',
      "{'test_cases': [{'type': 'stdin_stdout', 'input': {(1, 2): 3}, 'output': ''}]}",
      "{'test_cases': [{'type': 'stdin_stdout', 'input': 'x', 'output': ''}, {'type': 'stdin_stdout', 'input': {(1, 2): 3}, 'output': ''}]}",
      "{'test_cases': [{'type': 'function_call', 'fn_name': None, 'output': []}]}",
      "{'test_cases': [{'type': 'function_call', 'fn_name': 'f', 'input': None, 'output': None}]}",
      "{'test_cases': [{'type': 'function_call', 'fn_name': 'f', 'input': {'a': 1.5, 'b': float('nan')}}]}",
      "{'test_cases': [{'type': 'function_call', 'fn_name': 'f', 'input': ('t', 1e100, -0.0), 'output': [[1, [2, 3]]]}]}",
      '{"test_cases": [{"type": "stdin_stdout", "input": [[1, 2], ["a"]], "output": {"k": [1.5, null]}}]}',
      '{"test_cases": [{"type": "stdin_stdout", "input": "\\u00e9\\u2028", "output": 12345678901234567890}]}',
      'not a literal at all',
      '{"test_cases": [{"type": "STDIN_STDOUT"}, {"type": null}]}',
    ];
    const program = 'def f(*a):\n    return a';
    const refs = affineRef(
      odd.flatMap((v) => [
        ['ded_plan', program, v],
        ['ded_parse', v],
      ]),
    );
    odd.forEach((v, i) =>
      comparePlan(program, { verificationInfo: v, testCases: undefined }, refs[2 * i], refs[2 * i + 1]),
    );
  });

  it('`verification_info or test_cases` uses Python truthiness', () => {
    const tc = '{"test_cases": [{"type": "stdin_stdout", "input": "1", "output": "1"}]}';
    for (const empty of ['', null, undefined, {}, []]) {
      expect(planDed('p', { verificationInfo: empty, testCases: tc })).toMatchObject({ via: 'json' });
    }
    expect(planDed('p', { verificationInfo: '{}', testCases: tc })).toEqual({ error: 'no_test_cases', via: 'json' });
    expect(() => planDed('p', { verificationInfo: undefined, testCases: undefined })).toThrow(EvaluatorError);
  });
});

/** A correct reply per fixture row (the function_call row needs the bare function). */
function goodReply(i: number): string {
  if (i === 3) return 'Here you go:\n```python\ndef add(a, b):\n    return a + b\n```';
  return '```python\n' + rows[i].program!.replace(/^```python\n|```$/g, '') + '\n```';
}

describe('DED end to end on the fixture', () => {
  it('scores correct programs 1 and wrong ones 0', async () => {
    for (let i = 0; i < rows.length; i++) {
      const task = await ded.task(BigInt(i), ctx);
      const good = await ded.score(task, goodReply(i), ctx);
      const bad = await ded.score(task, '```python\nprint("nope")\n```', ctx);
      if (i === 11) {
        expect([good.score, good.extra.error]).toEqual([0, 'no_test_cases']);
        continue;
      }
      expect(good.score, `row ${i}: ${JSON.stringify(good.extra)}`).toBe(1);
      // Row 10 has only cases of unknown type: total 0, so everything scores 1.
      expect(bad.score, `row ${i}`).toBe(i === 10 ? 1 : 0);
    }
  });

  it('reports how the cases were read and where the first failure is', async () => {
    const via = await Promise.all(
      [0, 1, 3, 7].map(
        async (i) => (await ded.score(await ded.task(BigInt(i), ctx), goodReply(i), ctx)).extra.parsed_via,
      ),
    );
    expect(via).toEqual(['json', 'literal_eval', 'json', 'json']);
    const t8 = await ded.task(8n, ctx);
    expect((await ded.score(t8, goodReply(8), ctx)).extra).toMatchObject({ passed: 2, total: 2 });
    // A None output expects the text "null" (to_str(None) = json.dumps(None)): it does not accept any output.
    const r = await ded.score(t8, 'print("something")', ctx);
    expect(r.extra.failure).toMatchObject({ case: 1, reason: 'wrong_output', expected: 'null' });
    const t0 = await ded.task(0n, ctx);
    const stop = await ded.score(t0, 'n = int(input())\nprint(sum(map(int, input().split())) if n < 4 else 0)', ctx);
    expect(stop.extra).toMatchObject({ passed: 2, total: 3, failure: { case: 3 } });
    const err = await ded.score(t0, 'import sys\nprint(6)\nsys.stderr.write("warn")', ctx);
    expect(err.extra.failure).toMatchObject({ case: 1, reason: 'stderr' });
  });

  it('keeps 1.0 a float when the cases arrive as text, which JSON.parse would not', async () => {
    const vi = '{"test_cases": [{"type": "function_call", "fn_name": "f", "input": [1.0], "output": ["float"]}]}';
    const reply = 'def f(x):\n    return type(x).__name__';
    const c = (v: unknown) => ({ exec, dataset: memoryDataset('f', [{ prompt: 'p', verification_info: v }]) });
    const asText = c(vi);
    expect((await ded.score(await ded.task(0n, asText), reply, asText)).score).toBe(1);
    const fromJsonl = c(parseJsonlRows(`{"prompt": "p", "verification_info": ${vi}}`)[0].verification_info);
    expect((await ded.score(await ded.task(0n, fromJsonl), reply, fromJsonl)).score).toBe(1);
    const asObject = c(JSON.parse(vi));
    expect((await ded.score(await ded.task(0n, asObject), reply, asObject)).score).toBe(0);
  });

  it('throws where upstream crashes, and only when the loop reaches that case', async () => {
    const c = (v: string) => ({ exec, dataset: memoryDataset('x', [{ prompt: 'p', verification_info: v }]) });
    const notDict = c('[1, 2]');
    await expect(ded.score(await ded.task(0n, notDict), 'print(1)', notDict)).rejects.toThrow(EvaluatorError);
    const lazy = c(
      "{'test_cases': [{'type': 'stdin_stdout', 'input': '', 'output': '1'}, {'type': 'stdin_stdout', 'input': {(1,): 2}, 'output': ''}]}",
    );
    const t = await ded.task(0n, lazy);
    expect((await ded.score(t, 'print(2)', lazy)).score).toBe(0);
    await expect(ded.score(t, 'print(1)', lazy)).rejects.toThrow(EvaluatorError);
    const garbage = c('not a literal');
    expect((await ded.score(await ded.task(0n, garbage), 'print(1)', garbage)).extra.error).toBe(
      'unparseable_test_cases',
    );
    const set = c("{'test_cases': [{'type': 'stdin_stdout', 'input': {1, 2}, 'output': ''}]}");
    await expect(ded.score(await ded.task(0n, set), 'print(1)', set)).rejects.toMatchObject({
      code: 'unsupported_literal',
    });
  });
});
