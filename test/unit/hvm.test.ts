// HVM (envs/hvm): the seed-0 vector, generation against upstream's code in CPython for many seeds, VM semantics,
// hole parsing and scoring. Node realm.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hvm } from '../../envs/hvm';
import type { HvmProgram, Instr } from '../../envs/hvm/meta';
import { parseHoles, scoreHvm } from '../../envs/hvm/score';
import { generateHvm, hvmPrompt } from '../../envs/hvm/task';
import { canon, runVm } from '../../envs/hvm/vm';
import { affineRef } from '../support/python-executor';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const SOLUTION0 = '<HOLES>\n?a=3\n?b=4\n?c=4\n?d=4\n?e=7\n?f=18\n?g=25\n?h=12\n</HOLES>';

describe('HVM generation', () => {
  it('reproduces the seed-0 vector', async () => {
    const task = await hvm.task(0n);
    expect(task.data.solution).toEqual({ '?a': 3, '?b': 4, '?c': 4, '?d': 4, '?e': 7, '?f': 18, '?g': 25, '?h': 12 });
    expect(task.data.inputs).toEqual([
      [7, 3, 4],
      [8, -4, 5],
      [-4, -5, 5],
    ]);
    expect(task.data.expected).toEqual(['3\n11', '0\n1', '0\n13']);
    expect([...task.prompt].length).toBe(1174);
    expect(sha256(task.prompt)).toBe('2d8d1d3cf46b025c11a254275304ccb3eabfbd2f0f8172347f66655d72d565a5');
    expect(task.prompt.endsWith('</HOLES>\n')).toBe(true);
    expect(task.prompt).toContain('- ?a ∈ [-9, 9] (integers)\n');
    expect(task.prompt).toContain('- ?d ∈ {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}\n- ?e');
    expect(task.prompt).toContain('- ?g ∈ {25}\n- ?h ∈ {12}\n');
    expect(task.prompt).toContain('Case #1: input=[8, -4, 5]  expected stdout=\n---\n0\n1\n---\n');
    expect(task.prompt).toContain('013: JMPZ ?g\n');
  });

  it('matches upstream _make_program/_forge_io/_render_prompt for 300 seeds', () => {
    const seeds = [
      ...Array.from({ length: 250 }, (_, i) => BigInt(i)),
      2n ** 53n + 1n,
      2n ** 64n,
      123456789012345678901234567890n,
    ];
    for (let s = 0; s < 47; s++) seeds.push(BigInt(s) * 1_000_003n + 999_999_937n);
    const refs = affineRef(seeds.map((s) => ['hvm_generate', s.toString()]));
    seeds.forEach((seed, i) => {
      const ref = refs[i] as { v: { prompt: string; inputs: number[][]; expected: string[]; chosen: object } };
      const data = generateHvm(seed);
      expect(hvmPrompt(data), `seed ${seed}`).toBe(ref.v.prompt);
      expect(data.solution).toEqual(ref.v.chosen);
    });
  });

  it('refuses negative ids', async () => {
    await expect(hvm.task(-3n)).rejects.toThrow(RangeError);
  });
});

describe('HVM machine', () => {
  const prog = (code: Instr[], maxSteps = 100, stackCap = 4): HvmProgram => ({
    code,
    holes: [],
    holeDomains: {},
    maxSteps,
    stackCap,
  });
  const calc = (op: string, a: number, b: number) =>
    runVm(
      prog([
        ['LOAD', '0'],
        ['LOAD', '1'],
        [op, null],
        ['PRINT', null],
        ['HALT', null],
      ]),
      {},
      [a, b],
    );

  it('divides toward zero and takes the divisor sign for MOD', () => {
    expect([calc('DIV', -7, 2), calc('DIV', 7, -2), calc('DIV', 7, 2)]).toEqual(['-3', '-3', '3']);
    expect([calc('MOD', -7, 3), calc('MOD', 7, -3), calc('MOD', -6, 3)]).toEqual(['2', '-2', '0']);
    expect([calc('SUB', 2, 5), calc('MUL', -3, 4)]).toEqual(['-3', '-12']);
  });

  it('fails on division by zero, stack overflow and underflow, bad ip, too many steps, missing holes', () => {
    expect(calc('DIV', 1, 0)).toBeNull();
    expect(calc('MOD', 1, 0)).toBeNull();
    expect(
      runVm(
        prog([
          ['PUSH', '1'],
          ['JMP', '0'],
        ]),
        {},
        [],
      ),
    ).toBeNull(); // stack cap 4
    expect(runVm(prog([['POP', null]]), {}, [])).toBeNull();
    expect(runVm(prog([['PUSH', '1']]), {}, [])).toBeNull(); // runs off the end
    expect(runVm(prog([['JMP', '0']], 50), {}, [])).toBeNull(); // step limit
    expect(
      runVm(
        prog([
          ['PUSH', '?z'],
          ['HALT', null],
        ]),
        {},
        [],
      ),
    ).toBeNull();
    expect(
      runVm(
        prog([
          ['LOAD', '3'],
          ['HALT', null],
        ]),
        {},
        [1],
      ),
    ).toBeNull();
    expect(
      runVm(
        prog([
          ['PUSH', '0'],
          ['JMPNZ', '3'],
          ['PUSH', '5'],
          ['PRINT', null],
          ['HALT', null],
        ]),
        {},
        [],
      ),
    ).toBe('5');
    expect(runVm(prog([['HALT', null]]), {}, [])).toBe('');
  });

  it('canonicalises outputs as _canon', () => {
    expect(canon('1 \r\n2\r3\n')).toBe('1\n2\n3');
    expect(canon('1\n\n')).toBe('1\n');
  });
});

describe('HVM answers', () => {
  const REPLIES = [
    SOLUTION0,
    '<holes>\n# comment\n\n ?a = 3 \n?b=4\n</HOLES>',
    '<HOLES>?a=3</HOLES> then <HOLES>\n?a=-٣\n</HOLES>',
    '<HOLES>\n?a=3x\n</HOLES>',
    '<HOLES>\n?a 3\n</HOLES>',
    '<HOLES></HOLES>',
    'no block',
    '<HOLES>\n?a=1\n?a=2\n?ab_c=5\n</HOLES>',
    '<HOLES>\n?é=1\n</HOLES>',
    '<HOLES>\r\n?a=1\r\n</HOLES>',
    '<HOLES>\n?a=+1\n</HOLES>',
    '<HOLEſ>\n?a=1\n</HOLES>',
    '<HOLES>\n?a=1\u00a0\n?1=2\n</HOLES>',
  ];
  it('parses hole blocks as upstream', () => {
    const refs = affineRef(REPLIES.map((r) => ['hvm_parse_holes', r]));
    REPLIES.forEach((r, i) => {
      const mine = parseHoles(r);
      const ref = (refs[i] as { v: Record<string, string> | null }).v;
      expect(mine === null ? null : Object.fromEntries([...mine].map(([k, v]) => [k, v.toString()])), r).toEqual(ref);
    });
  });

  it('scores the planted solution 1 and every kind of wrong mapping 0', async () => {
    const task = await hvm.task(0n);
    expect(await hvm.score(task, `Sure.\n${SOLUTION0}`)).toMatchObject({ score: 1, extra: { passed: 3, total: 3 } });
    const wrong = (from: string, to: string) => hvm.score(task, SOLUTION0.replace(from, to));
    expect((await wrong('?e=7', '?e=8')).score).toBe(0);
    expect((await wrong('?g=25', '?g=26')).extra.error).toMatch(/outside domain/);
    expect((await wrong('?h=12\n', '')).extra.error).toBe('Not all holes provided');
    expect((await wrong('?h=12\n', '?h=12\n?i=1\n')).extra.error).toBe('Not all holes provided');
    expect((await wrong('?a=3', '?a=three')).extra.error).toBe('Missing or invalid <HOLES> block');
    expect((await wrong('?c=4', '?c=2')).extra.error).toMatch(/outside domain/);
    // Any in-domain mapping that reproduces all outputs counts: ?c only matters modulo the printed values.
    const alt = scoreHvm(task.data, SOLUTION0.replace('?a=3\n?b=4', '?a=4\n?b=3'));
    expect(alt.score).toBe(1);
  });
});
