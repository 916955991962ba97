// Task-id specs and sharding as a user types them in the CLI or the form: parsing, error messages, and the promise
// that n machines running shards 1/n..n/n together cover the full set exactly once. Node (vitest 'unit').

import { describe, expect, it } from 'vitest';
import {
  expandIds,
  IdSpecError,
  MAX_TASK_ID,
  parseIdSpec,
  parseShard,
  randomIdSpec,
  shardCount,
  type IdSpec,
} from '../../src/shared/eval/run-config.ts';

const ids = (spec: IdSpec, shard?: { index: number; count: number }) => [...expandIds(spec, shard)];
const big = (...xs: (number | bigint)[]) => xs.map((x) => BigInt(x));

/** The error parseIdSpec throws for `text`; fails the test when it does not throw an IdSpecError. */
function idError(text: string): string {
  try {
    parseIdSpec(text);
  } catch (e) {
    expect(e).toBeInstanceOf(IdSpecError);
    return (e as Error).message;
  }
  throw new Error(`parseIdSpec(${JSON.stringify(text)}) did not throw`);
}

describe('parseIdSpec', () => {
  it('reads a range, a single id, a list and a mix', () => {
    expect(parseIdSpec('0-99')).toEqual({ kind: 'range', start: '0', end: '99' });
    expect(parseIdSpec('42')).toEqual({ kind: 'range', start: '42', end: '42' });
    expect(parseIdSpec('0,5,9')).toEqual({ kind: 'list', ids: ['0', '5', '9'] });
    expect(ids(parseIdSpec('0-2,20,30-31'))).toEqual(big(0, 1, 2, 20, 30, 31));
  });

  it('ignores whitespace around ids, dashes and commas', () => {
    expect(parseIdSpec('  3 - 7 ')).toEqual({ kind: 'range', start: '3', end: '7' });
    expect(ids(parseIdSpec(' 1 ,  4-5 ,9 '))).toEqual(big(1, 4, 5, 9));
  });

  it('yields each id once when the parts of a list overlap', () => {
    expect(ids(parseIdSpec('0-5,3-8,3'))).toEqual(big(0, 1, 2, 3, 4, 5, 6, 7, 8));
    expect(shardCount(parseIdSpec('1,1'))).toBe(1);
  });

  it('keeps ids beyond 2^53 exact, up to 2^64 - 1', () => {
    expect(ids(parseIdSpec('9007199254740991-9007199254740995'))).toEqual([
      9007199254740991n,
      9007199254740992n,
      9007199254740993n,
      9007199254740994n,
      9007199254740995n,
    ]);
    expect(parseIdSpec('18446744073709551615')).toEqual({
      kind: 'range',
      start: '18446744073709551615',
      end: '18446744073709551615',
    });
    expect(ids(parseIdSpec('18446744073709551614,9007199254740993'))).toEqual([MAX_TASK_ID - 1n, 2n ** 53n + 1n]);
  });

  it('explains what is wrong with bad input', () => {
    for (const empty of ['', '   ', '1,,2', '3,']) expect(idError(empty)).toMatch(/Task ids are empty/);
    expect(idError('9-2')).toBe('Range "9-2" runs backwards: write the smaller id first.');
    expect(idError('x')).toMatch(/^"x" is not a task id: use non-negative whole numbers/);
    expect(idError('1,x,3')).toMatch(/^"x" is not a task id/);
    expect(idError('-5')).toMatch(/^"-5" is not a task id/);
    expect(idError('3--5')).toMatch(/"-5" is not a task id/);
    expect(idError('1.5')).toMatch(/"1.5" is not a task id/);
    expect(idError('18446744073709551616')).toBe(
      'Task id 18446744073709551616 is above the largest supported id, 2^64 - 1.',
    );
    expect(idError('0-18446744073709551616')).toMatch(/above the largest supported id/);
    expect(idError('0-20000000,5')).toMatch(/too long; use it on its own/);
  });
});

describe('parseShard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard(' 8/8 ')).toEqual({ index: 8, count: 8 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it('refuses parts outside 1..n and text that is not i/n', () => {
    expect(() => parseShard('0/8')).toThrow(new IdSpecError('Shard 0/8: the part must be between 1 and 8.'));
    expect(() => parseShard('9/8')).toThrow(new IdSpecError('Shard 9/8: the part must be between 1 and 8.'));
    expect(() => parseShard('1/0')).toThrow(/Shard 1\/0: .*at least 1/);
    for (const bad of ['a/b', '2', '2/', '/8', '-1/8', '1.5/8', '']) {
      expect(() => parseShard(bad)).toThrow(/should look like 2\/8/);
    }
  });
});

describe('sharding', () => {
  const specs: [string, IdSpec][] = [
    ['range', parseIdSpec('10-46')],
    ['list', parseIdSpec('5,3,99,4-9,1000,7777777')],
    ['random', randomIdSpec(23, 7, 1000n)],
    ['big range', parseIdSpec('18446744073709551600-18446744073709551615')],
  ];

  for (const [name, spec] of specs) {
    it(`shards of a ${name} spec partition it, for n = 1, 2, 3, 7 and more shards than ids`, () => {
      const full = ids(spec);
      expect(shardCount(spec)).toBe(full.length);
      for (const n of [1, 2, 3, 7, full.length + 5]) {
        const parts = Array.from({ length: n }, (_, i) => ids(spec, { index: i + 1, count: n }));
        parts.forEach((part, i) => expect(part.length).toBe(shardCount(spec, { index: i + 1, count: n })));
        const union = parts.flat();
        expect(union.length).toBe(full.length); // no overlap...
        expect(new Set(union).size).toBe(full.length);
        expect([...union].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(
          [...full].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        ); // ...and nothing missing
        if (n > full.length) expect(parts.slice(full.length).every((p) => p.length === 0)).toBe(true);
      }
    });
  }

  it('gives shard i the i-th, (i+n)-th, ... ids in spec order', () => {
    expect(ids(parseIdSpec('0-9'), { index: 2, count: 3 })).toEqual(big(1, 4, 7));
    expect(ids(parseIdSpec('50,40,30,20'), { index: 1, count: 2 })).toEqual(big(50, 30));
  });
});

describe('random specs', () => {
  it('are deterministic for a seed, distinct and below max', () => {
    const a = ids(randomIdSpec(200, 42, 500n));
    expect(a).toEqual(ids(randomIdSpec(200, 42, 500n)));
    expect(a).toHaveLength(200);
    expect(new Set(a).size).toBe(200);
    expect(a.every((v) => v >= 0n && v < 500n)).toBe(true);
    expect(ids(randomIdSpec(200, 43, 500n))).not.toEqual(a);
  });

  it('draw every id when n equals max, and draw beyond 2^53 when max allows it', () => {
    expect(ids(randomIdSpec(10, 1, 10n)).sort((x, y) => Number(x - y))).toEqual(big(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    const wide = ids(randomIdSpec(50, 3, MAX_TASK_ID));
    expect(wide.some((v) => v > 2n ** 53n)).toBe(true);
    expect(wide.every((v) => v < MAX_TASK_ID)).toBe(true);
  });

  it('refuse impossible requests', () => {
    expect(() => randomIdSpec(0, 1)).toThrow(IdSpecError);
    expect(() => randomIdSpec(2.5, 1)).toThrow(IdSpecError);
    expect(() => randomIdSpec(5, -1)).toThrow(/seed must be a whole number/);
    expect(() => randomIdSpec(11, 1, 10n)).toThrow('Cannot draw 11 distinct ids below 10.');
  });
});
