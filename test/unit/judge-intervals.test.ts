// Confidence intervals (spec §6.3): Jeffreys on the PR #166 vectors at 90% and the 80% vectors with the duel
// example, Wilson as before, the bootstrap for non-0/1 scores and `intervalFor`'s choice. Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { wilson as summaryWilson } from '../../src/shared/eval/summary.ts';
import { bootstrapCpu } from '../../src/shared/judge/bootstrap-cpu.ts';
import {
  bootstrapInterval,
  intervalFor,
  intervalForEnv,
  isBinary,
  jeffreys,
  normalQuantile,
  wilson,
  zFor,
} from '../../src/shared/judge/intervals.ts';

const r4 = ([lo, hi]: [number, number]) => [Number(lo.toFixed(4)), Number(hi.toFixed(4))];

describe('Jeffreys: Beta(k + ½, n − k + ½) quantiles', () => {
  it('reproduces the 90% table of PR #166', () => {
    expect(r4(jeffreys(547, 559, 0.9))).toEqual([0.9665, 0.9869]);
    expect(r4(jeffreys(494, 573, 0.9))).toEqual([0.8371, 0.8845]);
    expect(r4(jeffreys(293, 506, 0.9))).toEqual([0.5427, 0.6148]);
  });

  it('reproduces the 80% vectors', () => {
    expect(r4(jeffreys(474, 550, 0.8))).toEqual([0.842, 0.8797]);
    expect(r4(jeffreys(490, 550, 0.8))).toEqual([0.8729, 0.9069]);
    expect(r4(jeffreys(500, 550, 0.8))).toEqual([0.8923, 0.9237]);
  });

  it('the duel example: B = 500/550 beats A = 474/550 (0.8923 > 0.8797), B = 490/550 does not', () => {
    const upperA = jeffreys(474, 550, 0.8)[1];
    expect(jeffreys(500, 550, 0.8)[0]).toBeGreaterThan(upperA);
    expect(jeffreys(490, 550, 0.8)[0]).toBeLessThan(upperA);
  });

  it('clamps k to [0, n] and gives [0, 0] for n = 0', () => {
    expect(jeffreys(3, 0)).toEqual([0, 0]);
    expect(jeffreys(12, 10, 0.8)).toEqual(jeffreys(10, 10, 0.8));
    expect(jeffreys(-1, 10, 0.8)).toEqual(jeffreys(0, 10, 0.8));
  });
});

describe('Wilson and z', () => {
  it('is the same function the results table uses', () => {
    expect(summaryWilson).toBe(wilson);
    expect(r4(wilson(81, 263))).toEqual([0.2553, 0.3662]); // the published example
  });

  it('z for other levels', () => {
    expect(zFor(0.95)).toBe(1.959963984540054);
    expect(zFor(0.9)).toBeCloseTo(1.6448536, 6);
    expect(zFor(0.8)).toBeCloseTo(1.2815516, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.0902323, 6);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('bootstrap and intervalFor', () => {
  // 400 scores in {0, 0.5, 1}: mean 0.5, sd sqrt(0.25 × 2/3) ≈ 0.40825, so a 95% interval is ≈ 0.5 ± 0.04.
  const scores = Array.from({ length: 400 }, (_, i) => [0, 0.5, 1][i % 3]!);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);

  it('picks Wilson for 0/1 scores (Jeffreys on request) and the bootstrap otherwise', () => {
    const ones = [1, 1, 0, 1, 0, 1, 1, 1];
    expect(isBinary(ones)).toBe(true);
    expect(intervalFor(ones)).toEqual({ ...toObj(wilson(6, 8)), method: 'wilson', level: 0.95 });
    expect(intervalFor(ones, { binary: 'jeffreys', level: 0.8 })).toEqual({
      ...toObj(jeffreys(6, 8, 0.8)),
      method: 'jeffreys',
      level: 0.8,
    });
    const b = intervalFor(scores);
    expect(b.method).toBe('bootstrap');
    expect(b.lo).toBeLessThan(mean);
    expect(b.hi).toBeGreaterThan(mean);
    const half = (1.96 * sd) / Math.sqrt(scores.length);
    expect(b.hi - b.lo).toBeGreaterThan(2 * half * 0.9);
    expect(b.hi - b.lo).toBeLessThan(2 * half * 1.1);
  });

  it('the bootstrap is the GPU-matching CPU reference: same seed, same bounds', () => {
    const a = bootstrapInterval(scores, { seed: 7, resamples: 2000 });
    const direct = bootstrapCpu({
      values: Float32Array.from(scores),
      offsets: Uint32Array.of(0, scores.length),
      resamples: 2000,
      seed: 7,
      level: 0.95,
    });
    expect([a.lo, a.hi]).toEqual([direct.lo[0], direct.hi[0]]);
    expect(bootstrapInterval(scores, { seed: 7, resamples: 2000 })).toEqual(a);
    expect(bootstrapInterval([0.3, 0.3, 0.3])).toEqual({
      lo: 0.30000001192092896,
      hi: 0.30000001192092896,
      method: 'bootstrap',
      level: 0.95,
    });
    expect(bootstrapInterval([])).toEqual({ lo: 0, hi: 0, method: 'bootstrap', level: 0.95 });
    // Signed scores (DISTILL-V2) are fine.
    const signed = bootstrapInterval([-0.2, 0.1, -0.05, 0.3, 0], { resamples: 1000 });
    expect(signed.lo).toBeLessThan(0.03);
    expect(signed.hi).toBeGreaterThan(0.03);
  });

  it('intervalForEnv: per-task scores when present, a proportion of n otherwise, null for signed means', () => {
    const tasks = new Map([
      ['1', 1],
      ['2', 0],
      ['3', 1],
    ]);
    expect(intervalForEnv({ n: 3, mean: 2 / 3, tasks })).toEqual(intervalFor([1, 0, 1]));
    expect(intervalForEnv({ n: 550, mean: 474 / 550 }, { binary: 'jeffreys', level: 0.8 })!.lo).toBeCloseTo(0.84203, 5);
    expect(intervalForEnv({ n: 100, mean: -0.02 })).toBeNull();
    expect(intervalForEnv({ n: 0, mean: 0 })).toBeNull();
  });
});

function toObj([lo, hi]: [number, number]) {
  return { lo, hi };
}
