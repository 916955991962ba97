// The log-probability CPU reference (the GPU kernel's oracle): hand-computed cases, a naive two-pass version on
// random inputs, numerical stability at |logits| ~ 1e4, the tie rule, masked tokens and argument checks.
import { describe, expect, test } from 'vitest';
import { logprobsCpu, MASKED_LOGIT, NO_TOKEN } from '../../src/shared/logprobs-cpu.ts';
import { rng } from '../support/rng.ts';

const f32 = (xs: number[]) => Float32Array.from(xs);
const u32 = (xs: number[]) => Uint32Array.from(xs);

/** Textbook version: max, sum of exp, x − lse, and top-k by sorting every unmasked id. */
function naive(logits: Float32Array, positions: number, vocab: number, targets: Uint32Array, k: number) {
  const rows = Array.from({ length: positions }, (_, p) => Array.from(logits.subarray(p * vocab, (p + 1) * vocab)));
  return rows.map((row, p) => {
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((acc, x) => acc + Math.exp(x - m), 0));
    const order = row
      .map((x, id) => ({ x, id }))
      .filter(({ x }) => x > MASKED_LOGIT)
      .sort((a, b) => b.x - a.x || a.id - b.id)
      .slice(0, k);
    return { lse, target: row[targets[p]!]! - lse, ids: order.map((e) => e.id), lps: order.map((e) => e.x - lse) };
  });
}

/** Float32 outputs against float64 expectations: one float32 rounding, relative to max(1, |expected|). */
function expectClose(actual: number, expected: number, what: string) {
  const tol = 2e-7 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('logprobsCpu', () => {
  test('hand-computed rows', () => {
    const r = logprobsCpu(f32([0, 0, 1, 2, 3, 0]), 2, 3, u32([1, 1]), 2);
    // Row 0 = [0, 0, 1]: lse = ln(2 + e). Row 1 = [2, 3, 0]: lse = 3 + ln(1 + e^-1 + e^-3).
    const lse0 = Math.log(2 + Math.E);
    const lse1 = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-3));
    expectClose(r.lse[0]!, lse0, 'lse 0');
    expectClose(r.lse[1]!, lse1, 'lse 1');
    expectClose(r.targetLogprobs[0]!, -lse0, 'target 0');
    expectClose(r.targetLogprobs[1]!, 3 - lse1, 'target 1');
    expect(Array.from(r.topIds)).toEqual([2, 0, 1, 0]);
    expectClose(r.topLogprobs[0]!, 1 - lse0, 'top 0');
    expectClose(r.topLogprobs[3]!, 2 - lse1, 'top 3');
    // A single-token vocab: probability 1.
    const one = logprobsCpu(f32([-7.5]), 1, 1, u32([0]), 1);
    expect([one.targetLogprobs[0], one.lse[0], one.topIds[0], one.topLogprobs[0]]).toEqual([0, -7.5, 0, 0]);
  });

  test('matches a naive two-pass implementation on random rows', () => {
    const rand = rng(20240611);
    for (const [positions, vocab, k] of [
      [1, 1, 1],
      [3, 17, 5],
      [7, 100, 16],
      [4, 1000, 3],
    ] as const) {
      const logits = Float32Array.from({ length: positions * vocab }, () => (rand() - 0.5) * 20);
      const targets = Uint32Array.from({ length: positions }, () => Math.floor(rand() * vocab));
      const r = logprobsCpu(logits, positions, vocab, targets, k);
      naive(logits, positions, vocab, targets, k).forEach((e, p) => {
        expectClose(r.lse[p]!, e.lse, `lse ${p}`);
        expectClose(r.targetLogprobs[p]!, e.target, `target ${p}`);
        const kk = Math.min(k, vocab);
        expect(Array.from(r.topIds.subarray(p * k, p * k + kk))).toEqual(e.ids);
        e.lps.forEach((lp, j) => expectClose(r.topLogprobs[p * k + j]!, lp, `top ${p}/${j}`));
      });
    }
  });

  test('stays finite and exact at the max with logits of ±1e4 (exp(1e4) overflows)', () => {
    const r = logprobsCpu(f32([1e4, 1e4 - 1, -1e4, -1e4, 1e4, -1e4]), 2, 3, u32([0, 0]), 2);
    expectClose(r.lse[0]!, 1e4 + Math.log(1 + Math.exp(-1)), 'lse 0');
    expectClose(r.targetLogprobs[0]!, -Math.log(1 + Math.exp(-1)), 'target 0');
    expectClose(r.lse[1]!, 1e4, 'lse 1');
    expectClose(r.targetLogprobs[1]!, -2e4, 'target 1');
    expect(r.topLogprobs[2]).toBe(0); // the max of row 1: exactly 0, not 1e4 − lse rounded in float32
    expect([...r.lse, ...r.targetLogprobs, ...r.topLogprobs].every(Number.isFinite)).toBe(true);
  });

  test('ties go to the lower id; k beyond the vocab is padded with NO_TOKEN and −Infinity', () => {
    const r = logprobsCpu(f32([1, 3, 3, 2, 3]), 1, 5, u32([4]), 4);
    expect(Array.from(r.topIds)).toEqual([1, 2, 4, 3]);
    expect(r.topLogprobs[0]).toBe(r.topLogprobs[2]);
    const flat = logprobsCpu(new Float32Array(3).fill(0.25), 1, 3, u32([2]), 5);
    expect(Array.from(flat.topIds)).toEqual([0, 1, 2, NO_TOKEN, NO_TOKEN]);
    expectClose(flat.targetLogprobs[0]!, -Math.log(3), 'flat target');
    expect(Array.from(flat.topLogprobs.subarray(3))).toEqual([-Infinity, -Infinity]);
  });

  test('masked tokens (−Infinity, −FLT_MAX) never enter the top-k; a masked target has log-prob −Infinity', () => {
    const r = logprobsCpu(f32([-Infinity, 2, MASKED_LOGIT, 1]), 1, 4, u32([0]), 4);
    expect(Array.from(r.topIds)).toEqual([1, 3, NO_TOKEN, NO_TOKEN]);
    expect(r.targetLogprobs[0]).toBe(-Infinity);
    expectClose(r.lse[0]!, 2 + Math.log(1 + Math.exp(-1)), 'lse');
  });

  test('refuses bad arguments with RangeErrors', () => {
    expect(() => logprobsCpu(f32([1, 2]), 1, 2, u32([2]), 1)).toThrow(/targets\[0\] = 2 is outside the vocab/);
    expect(() => logprobsCpu(f32([1, 2]), 1, 2, u32([0]), 17)).toThrow(/k must be/);
    expect(() => logprobsCpu(f32([1, 2]), 1, 2, u32([0]), 0)).toThrow(/k must be/);
    expect(() => logprobsCpu(f32([1, 2, 3]), 1, 2, u32([0]), 1)).toThrow(/logits has 3 values/);
    expect(() => logprobsCpu(f32([1, 2]), 1, 2, u32([0, 1]), 1)).toThrow(/targets has 2 ids/);
    expect(logprobsCpu(f32([]), 0, 5, u32([]), 3).topIds.length).toBe(0);
  });
});
