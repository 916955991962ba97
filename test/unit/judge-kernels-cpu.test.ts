// The Judge kernels' CPU references (the GPU kernels' oracles): the counter-based hash against known values, the
// bootstrap's properties (constant samples, bracketing the mean, determinism, ranks) and the dominance counts
// against a brute-force per-pair definition written independently of the reference.
import { describe, expect, test } from 'vitest';
import { bootstrapCpu, bootstrapRanks, type BootstrapInput } from '../../src/shared/judge/bootstrap-cpu.ts';
import { drawHash, drawIndex, indexOf, lowbias32, streamKey, WEYL } from '../../src/shared/judge/counter-rng.ts';
import { dominanceCpu, type DominanceInput } from '../../src/shared/judge/dominance-cpu.ts';
import { rng } from '../support/rng.ts';

const MASK = 0xffffffffn;
/** lowbias32's rounds in BigInt arithmetic: no Math.imul, no int32 coercions. */
function roundsBig(v: number | bigint, rounds: 2 | 3): bigint {
  let x = BigInt(v);
  x ^= x >> 16n;
  x = (x * 0x7feb352dn) & MASK;
  x ^= x >> 15n;
  x = (x * 0x846ca68bn) & MASK;
  if (rounds === 3) x ^= x >> 16n;
  return x;
}
const lowbias32Big = (v: number) => Number(roundsBig(v, 3));

describe('counter-based hash', () => {
  test('lowbias32 gives known values (computed with arbitrary-precision integers)', () => {
    expect([0, 1, 2, 0xdeadbeef, 0xffffffff].map(lowbias32)).toEqual([
      0, 1753845952, 3507691905, 3861431939, 1734902346,
    ]);
    expect(streamKey(42, 3, 7)).toBe(2863361448);
    expect(drawHash(2863361448, 5)).toBe(Number(roundsBig((2863361448n + 5n * BigInt(WEYL)) & MASK, 2)));
    expect(drawHash(2863361448, 5)).toBe(729395787);
    expect(drawIndex(42, 3, 7, 5, 100)).toBe(16);
  });

  test('agrees with a BigInt implementation on random inputs, and the Weyl step wraps like u32', () => {
    const rand = rng(1);
    for (let i = 0; i < 2000; i++) {
      const x = Math.floor(rand() * 2 ** 32);
      expect(lowbias32(x)).toBe(lowbias32Big(x));
      const k = Math.floor(rand() * 70000);
      expect(drawHash(x, k)).toBe(Number(roundsBig((BigInt(x) + BigInt(k) * BigInt(WEYL)) & MASK, 2)));
    }
  });

  test('indexOf is the exact floor(h′ · n / 2^32) or, at a bin edge, one more; always in [0, n)', () => {
    // h′ = h without its low 8 bits. Exact in BigInt: q = floor(h′ · n / 2^32); the float32 product may round up
    // to q + 1 only when h′ · n lies within half an ulp (of float32 at q + 1) below (q + 1) · 2^32.
    const check = (h: number, n: number) => {
      const i = indexOf(h, n);
      const num = BigInt((h & 0xffffff00) >>> 0) * BigInt(n);
      const q = Number(num >> 32n);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(n);
      if (i !== q) {
        expect(i).toBe(q + 1);
        const ulp = 2 ** (Math.floor(Math.log2(q + 1)) - 23);
        expect(Number((BigInt(q + 1) << 32n) - num) / 2 ** 32).toBeLessThanOrEqual(ulp / 2);
      }
      return i !== q;
    };
    const rand = rng(2);
    let roundedUp = 0;
    for (const n of [1, 2, 3, 100, 300, 4096, 65535, 65536]) {
      for (const h of [0, 1, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff]) check(h, n);
      for (let j = 0; j < 20000; j++) roundedUp += +check(Math.floor(rand() * 2 ** 32), n);
    }
    expect(roundedUp).toBeGreaterThan(0); // the rounding case is reached, and checked above
    // The largest draw stays below n for every n the bootstrap takes (its product is > half an ulp under n).
    for (let n = 1; n <= 65536; n++) expect(indexOf(0xffffffff, n)).toBe(n - 1);
  });

  test('draws are roughly uniform', () => {
    const counts = new Array<number>(10).fill(0);
    for (let b = 0; b < 1000; b++) for (let k = 0; k < 100; k++) counts[drawIndex(7, 0, b, k, 10)]!++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500); // 5 sigma is ~470
  });

  // Pearson's chi-square against equal expected counts; with d degrees of freedom its mean is d and its standard
  // deviation sqrt(2d), so a good generator stays under d + 5 sqrt(2d) (fixed seeds: the outcome is reproducible).
  const chiSquare = (counts: number[]) => {
    const e = counts.reduce((a, c) => a + c, 0) / counts.length;
    return counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
  };
  const bound = (bins: number) => bins - 1 + 5 * Math.sqrt(2 * (bins - 1));

  test('uniform over [0, n) for n = 100 and n = 3, chi-square', () => {
    for (const n of [100, 3]) {
      const counts = new Array<number>(n).fill(0);
      for (let b = 0; b < 5000; b++) for (let k = 0; k < 100; k++) counts[drawIndex(8, 1, b, k, n)]!++;
      expect(chiSquare(counts)).toBeLessThan(bound(n));
    }
  });

  test('consecutive draws, and the same draw of neighbouring resamples and cells, are independent (chi-square)', () => {
    const n = 16;
    const pairs = (index: (b: number, k: number) => [number, number]) => {
      const counts = new Array<number>(n * n).fill(0);
      for (let b = 0; b < 2000; b++) {
        for (let k = 0; k < 50; k++) {
          const [i, j] = index(b, k);
          counts[i * n + j]!++;
        }
      }
      return chiSquare(counts);
    };
    const d = (cell: number, b: number, k: number) => drawIndex(9, cell, b, k, n);
    expect(pairs((b, k) => [d(0, b, k), d(0, b, k + 1)])).toBeLessThan(bound(n * n));
    expect(pairs((b, k) => [d(0, b, k), d(0, b + 1, k)])).toBeLessThan(bound(n * n));
    expect(pairs((b, k) => [d(0, b, k), d(1, b, k)])).toBeLessThan(bound(n * n));
  });
});

const cells = (...samples: number[][]): Pick<BootstrapInput, 'values' | 'offsets'> => {
  const offsets = new Uint32Array(samples.length + 1);
  samples.forEach((s, i) => (offsets[i + 1] = offsets[i]! + s.length));
  return { values: Float32Array.from(samples.flat()), offsets };
};

describe('bootstrapCpu', () => {
  test('ranks: floor(α/2 · B) and B − 1 − that, without float64 slips', () => {
    expect(bootstrapRanks(10000, 0.95)).toEqual({ lower: 250, upper: 9749 });
    expect(bootstrapRanks(100, 0.9)).toEqual({ lower: 5, upper: 94 }); // 0.1 / 2 · 100 = 4.999999999999999
    expect(bootstrapRanks(1, 0.95)).toEqual({ lower: 0, upper: 0 });
    expect(bootstrapRanks(37, 0.5)).toEqual({ lower: 9, upper: 27 });
  });

  test('a constant sample gives [c, c]; an empty cell gives NaN; one value gives [x, x]', () => {
    const r = bootstrapCpu({ ...cells([0.3, 0.3, 0.3, 0.3], [], [0.7]), resamples: 500, seed: 1, level: 0.95 });
    expect(r.lo[0]).toBeCloseTo(0.3, 6);
    expect(r.hi[0]).toBe(r.lo[0]);
    expect(r.mean[0]).toBeCloseTo(0.3, 6);
    expect([r.mean[1], r.lo[1], r.hi[1]]).toEqual([NaN, NaN, NaN]);
    expect(r.lo[2]).toBe(Math.fround(0.7));
    expect(r.hi[2]).toBe(Math.fround(0.7));
  });

  test('0/1 data: the interval brackets the mean and has about the normal-approximation width', () => {
    const rand = rng(3);
    const sample = Array.from({ length: 200 }, () => (rand() < 0.3 ? 1 : 0));
    const r = bootstrapCpu({ ...cells(sample), resamples: 2000, seed: 9, level: 0.95 });
    const p = r.mean[0]!;
    expect(r.lo[0]).toBeLessThan(p);
    expect(r.hi[0]).toBeGreaterThan(p);
    const half = 1.96 * Math.sqrt((p * (1 - p)) / 200);
    expect(r.hi[0]! - r.lo[0]!).toBeGreaterThan(1.6 * half);
    expect(r.hi[0]! - r.lo[0]!).toBeLessThan(2.4 * half);
  });

  test('deterministic in the seed; another seed draws other resamples; a wider level gives a wider interval', () => {
    const rand = rng(4);
    const input = { ...cells(Array.from({ length: 50 }, rand)), resamples: 300, level: 0.95 };
    const a = bootstrapCpu({ ...input, seed: 5 });
    expect(bootstrapCpu({ ...input, seed: 5 })).toEqual(a);
    expect(bootstrapCpu({ ...input, seed: 6 }).lo[0]).not.toBe(a.lo[0]);
    const wide = bootstrapCpu({ ...input, seed: 5, level: 0.99 });
    expect(wide.lo[0]).toBeLessThanOrEqual(a.lo[0]!);
    expect(wide.hi[0]).toBeGreaterThanOrEqual(a.hi[0]!);
  });

  test('bounds are resample sums / n: the same sums a direct float32 computation gives', () => {
    const sample = [0.1, 0.25, 0.9, 0.4, 0.55];
    const { values, offsets } = cells(sample);
    const B = 50;
    const sums = Array.from({ length: B }, (_, b) => {
      let s = 0;
      for (let k = 0; k < sample.length; k++) s = Math.fround(s + values[drawIndex(11, 0, b, k, sample.length)]!);
      return s;
    }).sort((x, y) => x - y);
    const r = bootstrapCpu({ values, offsets, resamples: B, seed: 11, level: 0.8 });
    const { lower, upper } = bootstrapRanks(B, 0.8);
    expect(r.lo[0]).toBe(sums[lower]! / 5);
    expect(r.hi[0]).toBe(sums[upper]! / 5);
  });

  test('refuses bad inputs', () => {
    const ok = { ...cells([1, 2]), resamples: 10, seed: 1, level: 0.95 };
    expect(() => bootstrapCpu({ ...ok, level: 0 })).toThrow(/level/);
    expect(() => bootstrapCpu({ ...ok, resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapCpu({ ...ok, seed: -1 })).toThrow(/seed/);
    expect(() => bootstrapCpu({ ...ok, values: Float32Array.of(1, NaN) })).toThrow(/not finite/);
    expect(() => bootstrapCpu({ ...ok, offsets: Uint32Array.of(0, 3) })).toThrow(/offsets/);
    expect(() => bootstrapCpu({ ...ok, ...cells(new Array<number>(65537).fill(1)) })).toThrow(/at most 65536/);
  });
});

/** Brute force, straight from the rule: per pair and env, then per subset, env by env. */
function bruteDominance(input: DominanceInput) {
  const { models: n, envs: e, lo, hi, validMask } = input;
  const subsets = (1 << e) - 1;
  const valid = (m: number, k: number) => ((validMask[m]! >> k) & 1) === 1;
  /** Does a beat b on env k? The later of the two must clear the earlier's bar; ties go to the earlier. */
  const wins = (a: number, b: number, k: number) => {
    if (!valid(a, k) || !valid(b, k)) return false;
    const [i, j] = a < b ? [a, b] : [b, a];
    const laterWins = lo[j * e + k]! > hi[i * e + k]!;
    return a < b ? !laterWins : laterWins;
  };
  const dominates = new Uint32Array(n * subsets);
  const dominatedBy = new Uint32Array(n * subsets);
  for (let s = 1; s <= subsets; s++) {
    const envs = [...Array(e).keys()].filter((k) => (s >> k) & 1);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a !== b && envs.every((k) => wins(a, b, k))) {
          dominates[a * subsets + s - 1]!++;
          dominatedBy[b * subsets + s - 1]!++;
        }
      }
    }
  }
  return { subsets, dominates, dominatedBy };
}

function randomDominance(seed: number, n: number, e: number): DominanceInput {
  const rand = rng(seed);
  const lo = new Float32Array(n * e);
  const hi = new Float32Array(n * e);
  const validMask = new Uint32Array(n);
  for (let i = 0; i < n * e; i++) {
    lo[i] = Math.floor(rand() * 4) / 4;
    hi[i] = lo[i]! + Math.floor(rand() * 3) / 4;
    if (rand() < 0.8) validMask[Math.floor(i / e)]! |= 1 << (i % e);
  }
  return { models: n, envs: e, lo, hi, validMask };
}

describe('dominanceCpu', () => {
  test('equals a brute-force per-pair definition on random inputs with ties and invalid results', () => {
    for (const [n, e] of [
      [1, 1],
      [2, 1],
      [5, 3],
      [12, 4],
      [20, 6],
    ] as const) {
      for (let seed = 0; seed < 4; seed++) {
        const input = randomDominance(seed * 100 + n, n, e);
        expect(dominanceCpu(input)).toEqual(bruteDominance(input));
      }
    }
  });

  test('the earlier model keeps ties; a later model must beat the bar strictly', () => {
    // Two models, one env; both lo = hi = 0.5: the earlier (index 0) wins.
    const tie = dominanceCpu({
      models: 2,
      envs: 1,
      lo: Float32Array.of(0.5, 0.5),
      hi: Float32Array.of(0.5, 0.5),
      validMask: Uint32Array.of(1, 1),
    });
    expect([...tie.dominates]).toEqual([1, 0]);
    expect([...tie.dominatedBy]).toEqual([0, 1]);
    // The later model clears the earlier's bar (0.6 > 0.55) on env 0 only: each dominates the other on one env.
    const split = dominanceCpu({
      models: 2,
      envs: 2,
      lo: Float32Array.of(0.5, 0.5, 0.6, 0.5),
      hi: Float32Array.of(0.55, 0.55, 0.7, 0.7),
      validMask: Uint32Array.of(3, 3),
    });
    // Subsets {0}, {1}, {0, 1} at indices 0, 1, 2.
    expect([...split.dominates]).toEqual([0, 1, 0, 1, 0, 0]);
    expect([...split.dominatedBy]).toEqual([1, 0, 0, 0, 1, 0]);
  });

  test('a subset with an env either model lacks counts for neither', () => {
    const r = dominanceCpu({
      models: 2,
      envs: 2,
      lo: new Float32Array(4),
      hi: new Float32Array(4),
      validMask: Uint32Array.of(3, 1),
    });
    // Model 0 (earlier) wins env 0 (tie); env 1 is missing for model 1, so subsets {1} and {0, 1} count nothing.
    expect([...r.dominates]).toEqual([1, 0, 0, 0, 0, 0]);
  });

  test('refuses bad inputs', () => {
    const ok = randomDominance(1, 3, 2);
    expect(() => dominanceCpu({ ...ok, models: 257 })).toThrow(/models/);
    expect(() => dominanceCpu({ ...ok, envs: 9 })).toThrow(/envs/);
    expect(() => dominanceCpu({ ...ok, validMask: Uint32Array.of(4, 0, 0) })).toThrow(/bits at or above/);
    expect(() =>
      dominanceCpu({ ...ok, lo: new Float32Array(6).fill(NaN), validMask: Uint32Array.of(1, 0, 0) }),
    ).toThrow(/not finite/);
  });
});
