// ABD (envs/abd): verbatim prompt, extraction and checks against upstream's code in CPython, and end-to-end tasks
// from the fixture dataset on the native python executor. Node realm.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { abd } from '../../envs/abd';
import { ABD_PROMPT_TEMPLATE } from '../../envs/abd/meta';
import { compareOutputs, extractInput, validateInput } from '../../envs/abd/score';
import { abdPrompt } from '../../envs/abd/task';
import { EvaluatorError } from '../../envs/common/executor';
import { memoryDataset, parseJsonlRows } from '../../src/shared/datasets';
import { affineRef, PythonExecutor } from '../support/python-executor';

const FIXTURE = new URL('../fixtures/rl-python-mini.jsonl', import.meta.url);
const rows = parseJsonlRows(readFileSync(FIXTURE, 'utf8'));
const ctx = { exec: new PythonExecutor(), dataset: memoryDataset('rl-python-mini', rows) };

/** docs/affine-envs.md §5.2, the JSON literal of the prompt. */
const DOC_PROMPT: string = JSON.parse(
  '"You are a programming expert. Given a Python program and its expected output, you need to determine the exact input that would produce this output.\\n\\nProgram:\\n```python\\n{program}\\n```\\n\\nExpected Output:\\n```\\n{output}\\n```\\n\\nTask: Analyze the program to understand what input format it expects from stdin, then provide the input data that would produce the expected output.\\n\\nYou can provide any explanations, analysis, or reasoning you want. However, you MUST include the input data within <INPUT> </INPUT> tags.\\n\\nFormat the input data like this:\\n<INPUT>\\n[input data here - each line on a separate line as the program expects]\\n</INPUT>\\n\\nI will extract only the content between these tags.\\n\\nRequirements for the input data within the tags:\\n1. Each line of input should be on a separate line\\n2. Use the exact format the program expects  \\n3. Provide the raw input values that should be fed to stdin\\n4. Do not include any prefixes or extra formatting within the INPUT tags\\n\\nPlease analyze the program and provide the required input:"',
);

describe('ABD prompt', () => {
  it('is the documented template, byte for byte', () => {
    expect(ABD_PROMPT_TEMPLATE).toBe(DOC_PROMPT);
    expect(ABD_PROMPT_TEMPLATE).toContain('expects  \n3. Provide');
    expect(abdPrompt('print($&)', 'out')).toBe(
      DOC_PROMPT.split('{program}').join('print($&)').split('{output}').join('out'),
    );
    expect(abdPrompt('p', null)).toContain('```\nNone\n```');
  });
});

const REPLIES = [
  '',
  'no tags here',
  '<INPUT>\n3\n1 2 3\n</INPUT>',
  '<input>a</input> then <INPUT>b</INPUT>',
  '<think><INPUT>hidden</INPUT></think>visible <INPUT>x</INPUT>',
  '<think>\n<INPUT>only in think</INPUT></think>',
  '<thinking>t</thinking><INPUT>  a  \n\n b \t\n\n  \n</INPUT>',
  '<INPUT></INPUT>',
  '<INPUT>\r\nx\r\ny\r\n</INPUT>',
  '<ınput>dotless</ınput>',
  '<INPUT>a\u2028b\x85c</INPUT>',
  '<INPUT>unterminated',
  '<INPUT>\u00a0lead\u00a0\n</INPUT>',
  '<Input>\nmixed\n</iNPUT>',
];

describe('ABD extraction and checks match upstream', () => {
  const refs = affineRef(
    REPLIES.flatMap((r) => [
      ['abd_extract', r],
      ['abd_tags_present', r],
    ]),
  );
  it.each(REPLIES.map((r, i) => [r, i] as const))('%j', (reply, i) => {
    expect(extractInput(reply)).toBe((refs[2 * i] as { v: string }).v);
  });

  it('line heuristic', () => {
    const loop = 'for _ in range(int(input())):\n    print(input())';
    const cases: [string, string][] = [
      [loop, '2\na\nb'],
      [loop, '2\na'],
      [loop, '٢\na\nb'],
      [loop, 'x\na'],
      [loop, ''],
      ['a = input()\nb = input()\nc = input()', '1\n2'],
      ['a = input()\nb = input()', '1\n2'],
      ['import sys\ndata = sys.stdin.read()', ''],
      [loop, '²\na\nb'],
      [loop, '00\n'],
    ];
    const refs2 = affineRef(cases.map(([p, inp]) => ['abd_validate', p, inp]));
    cases.forEach(([p, inp], i) => {
      const ref = refs2[i];
      if ('e' in ref) expect(() => validateInput(p, inp)).toThrow(EvaluatorError);
      else expect(validateInput(p, inp), JSON.stringify([p, inp])).toBe(ref.v);
    });
  });

  it('output comparison', () => {
    const pairs: [string, string][] = [
      ['6\n', '6\n'],
      ['6\n', '6'],
      ['  6 \r\n7\r\n', '6 \n7'],
      ['a  \nb', 'a\nb  \n'],
      ['a\n\nb', 'a\nb'],
      ['a\rb', 'a\nb'],
      ['1 2', '1  2'],
      ['x\u00a0', 'x'],
    ];
    const refs3 = affineRef(pairs.map(([e, a]) => ['abd_compare', e, a]));
    expect(pairs.map(([e, a]) => compareOutputs(e, a))).toEqual(refs3.map((r) => (r as { v: boolean }).v));
  });
});

describe('ABD end to end on the fixture', () => {
  it('builds tasks from program output, with the documented fallbacks', async () => {
    const t0 = await abd.task(0n, ctx);
    expect(t0.data).toMatchObject({ expectedOutput: '6\n', outputSource: 'program' });
    expect(t0.prompt).toBe(abdPrompt(rows[0].program!, '6\n'));
    // A program that needs the auto-runner, a fenced program, and one that fails on its own input.
    expect((await abd.task(2n, ctx)).data).toMatchObject({ expectedOutput: 'olleh\n', outputSource: 'program' });
    expect((await abd.task(4n, ctx)).data).toMatchObject({ expectedOutput: 'ABC\n', outputSource: 'program' });
    const t5 = await abd.task(5n, ctx);
    expect(t5.data).toMatchObject({ expectedOutput: '5\n', outputSource: 'dataset' });
    expect(t5.data.fallbackReason).toContain('ZeroDivisionError');
  });

  it('refuses ids outside the dataset with a RangeError', async () => {
    await expect(abd.task(12n, ctx)).rejects.toThrow(/out of range.*12 rows/);
    await expect(abd.task(-1n, ctx)).rejects.toThrow(RangeError);
    await expect(abd.task(0n, { dataset: ctx.dataset })).rejects.toThrow(/Python sandbox/);
  });

  it('scores the example input 1 and wrong answers 0', async () => {
    for (const id of [0, 1, 2, 4, 6, 9]) {
      const task = await abd.task(BigInt(id), ctx);
      const right = await abd.score(task, `Reasoning...\n<INPUT>\n${rows[id].inputs}\n</INPUT>`, ctx);
      expect(right.score, `row ${id}`).toBe(1);
      expect(right.extra.verdict).toBe('correct');
    }
    const t0 = await abd.task(0n, ctx);
    expect((await abd.score(t0, '<INPUT>\n3\n1 2 4\n</INPUT>', ctx)).extra.verdict).toBe('wrong_output');
    expect((await abd.score(t0, 'the input is 3 / 1 2 3', ctx)).extra.verdict).toBe('no_input');
    expect((await abd.score(t0, '<INPUT>\n3\n</INPUT>', ctx)).extra.verdict).toBe('too_few_lines');
    expect((await abd.score(t0, '<INPUT>\nx\ny\n</INPUT>', ctx)).extra.verdict).toBe('stderr');
    // Think blocks are ignored for extraction; a trailing-space difference in output is tolerated.
    expect((await abd.score(t0, '<think><INPUT>1\n6</INPUT></think><INPUT>2\n2 4  \n\n</INPUT>', ctx)).score).toBe(1);
    const t1 = await abd.task(1n, ctx);
    expect((await abd.score(t1, '<INPUT>\n2\n3 4\n</INPUT>', ctx)).extra.verdict).toBe('too_few_lines');
    expect((await abd.score(t1, '<INPUT>\n2\n4 3\n10 3\n</INPUT>', ctx)).score).toBe(1);
    const t5 = await abd.task(5n, ctx);
    expect((await abd.score(t5, '<INPUT>2</INPUT>', ctx)).score).toBe(1);
    expect((await abd.score(t5, '<INPUT>0</INPUT>', ctx)).extra.verdict).toBe('stderr');
  });

  it('empty tags run the program on empty stdin; an expected None crashes like upstream', async () => {
    const ds = memoryDataset('edge', [
      { program: 'print("fixed")', inputs: '' },
      { program: 'print(undefined_name)', inputs: 'x' },
    ]);
    const c = { exec: ctx.exec, dataset: ds };
    const t0 = await abd.task(0n, c);
    expect(t0.data.expectedOutput).toBe('fixed\n');
    expect((await abd.score(t0, '<INPUT></INPUT>', c)).score).toBe(1);
    const t1 = await abd.task(1n, c);
    expect(t1.data.expectedOutput).toBeNull();
    expect(t1.prompt).toContain('```\nNone\n```');
    await expect(abd.score(t1, '<INPUT>1</INPUT>', c)).resolves.toMatchObject({ score: 0 }); // stderr comes first
    const ok = { program: 'print(1)' };
    const t2 = await abd.task(0n, { exec: ctx.exec, dataset: memoryDataset('none', [ok]) });
    expect(t2.data).toMatchObject({ expectedOutput: null, fallbackReason: 'the row has no inputs' });
    await expect(abd.score(t2, '<INPUT>1</INPUT>', c)).rejects.toThrow(EvaluatorError);
  });
});
