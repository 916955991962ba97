// PRINT (envs/print): the §5.4 injection vector under CPython, ground-truth rules, verbatim prompt, extraction and
// scoring against upstream's code, and end-to-end tasks from the fixture dataset. Node realm.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { print } from '../../envs/print';
import { PRINT_PROMPT_TEMPLATE } from '../../envs/print/meta';
import { cleanPrediction, scorePrint, squash } from '../../envs/print/score';
import { groundTruth, injectPrints, printPrompt } from '../../envs/print/task';
import type { Executor } from '../../src/shared/api/sandbox';
import { memoryDataset, parseJsonlRows } from '../../src/shared/datasets';
import { affineRef, PythonExecutor } from '../support/python-executor';

const exec = new PythonExecutor();
const rows = parseJsonlRows(readFileSync(new URL('../fixtures/rl-python-mini.jsonl', import.meta.url), 'utf8'));
const ctx = { exec, dataset: memoryDataset('rl-python-mini', rows) };
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const VECTOR_PROGRAM =
  'n = int(input())\ntotal = 0\nfor i in range(n):\n    sq = i * i\n    if sq % 2 == 0:\n        total += sq\n    else:\n        total -= 1\nprint(total)\n';

describe('PRINT injection (§5.4 vector)', () => {
  it(`matches the documented hashes under ${exec.python}`, async () => {
    const hashes = await Promise.all(
      [0n, 1n, 12345n].map(async (s) => sha256(await injectPrints(exec, VECTOR_PROGRAM, s))),
    );
    expect(hashes).toEqual([
      'b47ceb971a2d5fc7e43fb59865c73df8c74447a6a61e17a4a41af8103f163158',
      'bef54a67c9bafa1b3b78e647f22ac5145e68bbe912c0b9d98a9032b64161665a',
      'a088e79a7c3ae32e6e4c009eadc45a016d442b5bd0aacbb03be3835e8ca04aaa',
    ]);
    const seed0 = await injectPrints(exec, VECTOR_PROGRAM, 0n);
    expect(seed0).toContain(
      "    sq = i * i\n    print('__DBG_0__', repr(sq) if isinstance(sq, (int, float, str, bool, type(None))) else type(sq).__name__, repr(total)",
    );
    expect(await groundTruth(exec, seed0, '4\n')).toEqual({
      groundTruth: '__DBG_0__ 0 0\n__DBG_0__ 1 0\n__DBG_0__ 4 -1\n__DBG_0__ 9 3\n2',
      truthStatus: 'ok',
    });
  });

  it('cleans fences and reports syntax errors as upstream does', async () => {
    expect(await injectPrints(exec, '```python\nx = 1\n```', 7n)).toMatch(/^x = 1(\nprint\('__DBG_0__'.*)?$/);
    expect(await injectPrints(exec, 'def f(:\n  pass', 0n)).toBe(
      '# Syntax Error in source: invalid syntax (<unknown>, line 1)\ndef f(:\n  pass',
    );
    // ast.unparse is version dependent: 3.12 writes nested f-string quotes the way §3.4 says.
    if (exec.python.includes('3.12')) {
      expect(await injectPrints(exec, 'd = {"k": 1}\nprint(f"{d[\'k\']}")\n', 5n)).toMatch(/print\(f'\{d\['k'\]\}'\)$/);
    }
    // Seeds beyond 2^53 reach random.Random intact.
    const big = 2n ** 64n + 1n;
    expect(await injectPrints(exec, VECTOR_PROGRAM, big)).toBe(await injectPrints(exec, VECTOR_PROGRAM, big));
  });
});

describe('PRINT ground truth', () => {
  /** The same executor with every limit shortened, to test the timeout path quickly. */
  const hurried: Executor = { run: (req) => exec.run({ ...req, timeoutMs: Math.min(req.timeoutMs ?? 30_000, 300) }) };

  it('keeps partial stdout on a crash, gives "" on a timeout, adds no newline to stdin', async () => {
    expect(await groundTruth(exec, 'print("a")\nprint(1/0)', null)).toEqual({ groundTruth: 'a', truthStatus: 'error' });
    expect(await groundTruth(hurried, 'print("a", flush=True)\nwhile True: pass', '')).toEqual({
      groundTruth: '',
      truthStatus: 'timeout',
    });
    expect((await groundTruth(exec, 'import sys\nprint(repr(sys.stdin.read()))', 'x')).groundTruth).toBe("'x'");
  });
});

describe('PRINT prompt, extraction and scoring', () => {
  it('renders the verbatim prompt', () => {
    expect(PRINT_PROMPT_TEMPLATE.startsWith('Predict the exact and complete standard output (stdout)')).toBe(true);
    expect(printPrompt('T$&', 'I')).toBe(
      "Predict the exact and complete standard output (stdout) of the following Python program, including every single print statement.\n\nThe program contains several injected debug print statements starting with '__DBG_'. You must include these in your prediction exactly as they would appear in the output, along with any other output the program produces.\n\nProgram:\n```python\nT$&\n```\n\nInput (stdin):\n```\nI\n```\n\nProvide the full stdout content. Do not provide any explanations or commentary outside of the predicted output.",
    );
    expect(printPrompt('T', null)).toContain('```\nNone\n```');
  });

  const REPLIES = [
    '  plain  ',
    '<think>x</think>\n```\na\nb\n```',
    '```python\ncode\n```\n```\nsecond\n```',
    'reasoning</think>answer',
    '<think>a</think>b</think> c </thinking> d',
    '```text\n\nline\n\n```',
    '```\n```',
    '```x```',
    '<thinking>\n```\nhidden\n```\n</thinking>shown',
    '```python3\nv\n```',
  ];
  it('cleans predictions as upstream', () => {
    const refs = affineRef(REPLIES.map((r) => ['print_clean', r]));
    expect(REPLIES.map(cleanPrediction)).toEqual(refs.map((r) => (r as { v: string }).v));
  });

  it('compares without whitespace and case, as upstream', () => {
    const pairs: [string, string][] = [
      ['A b\nC', 'abc'],
      ['a\u00a0b\u2028c\x1c', 'ABC'],
      ['ǅ İ', 'ǆi̇'],
      ['1 2', '12 '],
      ['x', 'y'],
      ['\ufeffx', 'x'],
    ];
    const refs = affineRef(pairs.map(([a, b]) => ['print_compare', a, b]));
    expect(pairs.map(([a, b]) => squash(a) === squash(b))).toEqual(refs.map((r) => (r as { v: boolean }).v));
    expect(scorePrint('a\nb', 3, '```\nA B\n```')).toEqual({
      score: 1,
      extra: { test_result: '1/1', dataset_index: 3, prediction: 'A B' },
    });
    expect(scorePrint('a', 3, 'b').extra.test_result).toBe('0/1');
  });
});

describe('PRINT end to end on the fixture', () => {
  it('row = task_id % len, seed = task_id; the ground truth scores 1, a wrong answer 0', async () => {
    for (const id of [6n, 18n, 1_000_000_006n, 2n ** 70n]) {
      const task = await print.task(id, ctx);
      expect(task.data.datasetIndex).toBe(Number(id % 12n));
      expect(task.data.seed).toBe(id.toString());
      expect(task.prompt).toBe(printPrompt(task.data.transformed, rows[task.data.datasetIndex].inputs!));
      expect(task.data.truthStatus).toBe('ok');
      expect((await print.score(task, `<think>hmm</think>\`\`\`\n${task.data.groundTruth}\n\`\`\``)).score).toBe(1);
      expect((await print.score(task, task.data.groundTruth + '\n0')).score).toBe(0);
    }
    // Row 6 has loops, branches and a function: the injections show up in the truth.
    const t = await print.task(6n, ctx);
    expect(t.data.transformed).toContain('__DBG_');
    expect(t.data.groundTruth).toMatch(/__DBG_\d__/);
  });

  it('refuses negative ids and empty datasets', async () => {
    await expect(print.task(-1n, ctx)).rejects.toThrow(RangeError);
    await expect(print.task(0n, { exec, dataset: memoryDataset('empty', []) })).rejects.toThrow(/empty/);
  });
});
