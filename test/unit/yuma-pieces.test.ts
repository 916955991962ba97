// The float64 Yuma reference piece by piece (chain.md §5): the κ-median against its definition on random inputs,
// permit ties, the weight masks, the sparse bond dropping of §5.14, the emission fallback and the u16 quantisation.
// Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { liquidAlpha, quantiseBonds } from '../../src/shared/yuma/bonds.ts';
import { runEpochCpu } from '../../src/shared/yuma/epoch-cpu.ts';
import { DEFAULT_PARAMS } from '../../src/shared/yuma/scenario-json.ts';
import { emptySparse, set } from '../../src/shared/yuma/sparse.ts';
import { newPermits, normalizedStake, topkNonzero } from '../../src/shared/yuma/stake-permits.ts';
import type { YumaParams, YumaState } from '../../src/shared/yuma/types.ts';
import { weightedMedian } from '../../src/shared/yuma/weighted-median.ts';
import { maskedWeights } from '../../src/shared/yuma/weights-masks.ts';

const U = 65535;

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const PARAMS: YumaParams = { ...DEFAULT_PARAMS };

/** A state at block 1000, everyone registered at 0 and updated at 999, with the given rows of {uid: u16}. */
function state(
  stake: number[],
  weights: Record<number, Record<number, number>>,
  bonds: Record<number, Record<number, number>> = {},
): YumaState {
  const n = stake.length;
  const rows = Int32Array.from(new Set([...Object.keys(weights), ...Object.keys(bonds)].map(Number))).sort();
  const s: YumaState = {
    n,
    block: 1000,
    stake: Float64Array.from(stake),
    lastUpdate: new Float64Array(n).fill(999),
    blockAtRegistration: new Float64Array(n),
    validatorPermit: Uint8Array.from(stake, (x) => (x > 0 ? 1 : 0)),
    rows,
    weights: new Uint16Array(rows.length * n),
    weightMask: new Uint8Array(rows.length * n),
    bonds: new Uint16Array(rows.length * n),
  };
  rows.forEach((uid, r) => {
    for (const [j, v] of Object.entries(weights[uid] ?? {})) {
      s.weights[r * n + Number(j)] = v;
      s.weightMask[r * n + Number(j)] = 1;
    }
    for (const [j, v] of Object.entries(bonds[uid] ?? {})) s.bonds[r * n + Number(j)] = v;
  });
  return s;
}

describe('weightedMedian (§5.6)', () => {
  /** The definition: the score s with stake(score ≥ s) ≥ κ and stake(score > s) < κ. */
  function bruteForce(stake: number[], score: number[], kappa: number): number {
    const candidates = [...new Set(score)].filter((s) => {
      let ge = 0;
      let gt = 0;
      score.forEach((x, i) => {
        if (x >= s) ge += stake[i];
        if (x > s) gt += stake[i];
      });
      return ge >= kappa && gt < kappa;
    });
    expect(candidates).toHaveLength(1);
    return candidates[0];
  }

  it('matches the definition on 2000 random columns, with ties and zero scores', () => {
    const rand = rng(42);
    for (let t = 0; t < 2000; t++) {
      const k = 1 + Math.floor(rand() * 12);
      const raw = Array.from({ length: k }, () => rand() + 1e-3);
      const total = raw.reduce((a, b) => a + b, 0);
      const stake = raw.map((x) => x / total);
      const levels = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => rand());
      const score = stake.map(() =>
        rand() < 0.3 ? 0 : rand() < 0.5 ? levels[Math.floor(rand() * levels.length)] : rand(),
      );
      const kappa = 0.05 + 0.9 * rand();
      const sum = stake.reduce((a, b) => a + b, 0);
      const idx = stake.map((_, i) => i);
      expect(weightedMedian(stake, score, idx, sum - kappa, 0, sum)).toBe(bruteForce(stake, score, kappa));
    }
  });

  it('returns 0 for an empty partition and the only score for one voter', () => {
    expect(weightedMedian([], [], [], 0.5, 0, 0)).toBe(0);
    expect(weightedMedian([1], [0.3], [0], 0.5, 0, 1)).toBe(0.3);
  });
});

describe('permits (§5.3)', () => {
  it('clears the n − k smallest after a stable sort: the higher uid wins a tie on the boundary', () => {
    expect([...topkNonzero(Float64Array.from([0.25, 0.25, 0.25, 0.25]), 2)]).toEqual([0, 0, 1, 1]);
    expect([...topkNonzero(Float64Array.from([0.3, 0.2, 0.2, 0.3]), 3)]).toEqual([1, 0, 1, 1]);
  });

  it('never permits zero stake, and keeps every non-zero stake when n < k', () => {
    expect([...topkNonzero(Float64Array.from([0.5, 0, 0.5]), 2)]).toEqual([1, 0, 1]);
    expect([...topkNonzero(Float64Array.from([0.5, 0, 0.5]), 8)]).toEqual([1, 0, 1]);
  });

  it('exempts the owner from the threshold and always gives it a permit', () => {
    const s = normalizedStake(Float64Array.from([10, 1, 5, 0]), 2, 1);
    expect([...s].map((x) => +x.toFixed(4))).toEqual([0.625, 0.0625, 0.3125, 0]);
    expect([...newPermits(s, 1, 3)]).toEqual([1, 0, 0, 1]);
  });
});

describe('weight masks (§5.5)', () => {
  it('drops rows without P_old, the diagonal except the owner, and weights older than the registration', () => {
    const s = state([1, 1, 1, 0, 0], { 0: { 0: U, 3: U, 4: U }, 1: { 1: U, 3: U }, 2: { 3: U } });
    s.blockAtRegistration[4] = 999; // registered at the block of the last update: 999 ≤ 999 masks it
    const permitOld = Uint8Array.from([1, 1, 0, 0, 0]);
    const w = maskedWeights(s, permitOld, 1);
    const row = (r: number) => Array.from({ length: 5 }, (_, j) => (w.has[r * 5 + j] ? w.val[r * 5 + j] : null));
    expect(row(0)).toEqual([null, null, null, 1, null]);
    expect(row(1)).toEqual([null, 0.5, null, 0.5, null]);
    expect(row(2)).toEqual([null, null, null, null, null]);
  });

  it('keeps explicit zeros present after normalising', () => {
    const s = state([1, 0, 0], { 0: { 1: U, 2: 0 } });
    const w = maskedWeights(s, Uint8Array.from([1, 0, 0]), null);
    expect([...w.has]).toEqual([0, 1, 1]);
    expect([...w.val]).toEqual([0, 1, 0]);
  });
});

describe('bonds on the sparse path (§5.10, §5.14)', () => {
  // Validators 0 (stake 3) and 1 (stake 1); miners 2 and 3. Validator 1 held a bond on miner 3 (0.5).
  const epoch = (params: Partial<YumaParams>, row1: Record<number, number>) =>
    runEpochCpu({ ...PARAMS, ...params }, state([3, 1, 0, 0], { 0: { 2: U, 3: 0 }, 1: row1 }, { 1: { 3: 32768 } }));
  const bond13 = (r: ReturnType<typeof epoch>) => r.outputs.bonds[1 * 4 + 3];
  const decayed = (a: number) => Math.floor((1 - a) * (32768 / U) * U);

  it('liquid alpha: a bond on a miner the validator no longer lists vanishes at once', () => {
    expect(bond13(epoch({ liquidAlpha: true }, { 2: U }))).toBe(0);
  });

  it('liquid alpha: an explicit 0 keeps the bond and decays it (β = 1 and β = 0)', () => {
    for (const bondsPenalty of [U, 0]) {
      const r = epoch({ liquidAlpha: true, bondsPenalty }, { 2: U, 3: 0 });
      const a = liquidAlpha(0, 0, 32768 / U, 45875 / U, 58982 / U, 1000);
      expect(bond13(r)).toBe(decayed(a));
    }
  });

  it('liquid alpha: an explicit 0 with 0 < β < 1 is dropped by the interpolation', () => {
    expect(bond13(epoch({ liquidAlpha: true, bondsPenalty: 30000 }, { 2: U, 3: 0 }))).toBe(0);
  });

  it('liquid alpha: a positive weight on a miner with consensus 0 is clipped away with its bond (β = 1)', () => {
    // Validator 1 (a quarter of the stake) alone votes for miner 3, so C_3 = 0 and W̄ removes the entry.
    const r = epoch({ liquidAlpha: true }, { 2: U, 3: U });
    expect(r.outputs.consensus[3]).toBe(0);
    expect(bond13(r)).toBe(0);
  });

  it('without liquid alpha every unlisted bond decays by 1 − α', () => {
    expect(bond13(epoch({}, { 2: U }))).toBe(decayed(0.1));
  });

  it('the original bonds decay too, and are stored column-max-upscaled', () => {
    const r = epoch({ yuma3: false }, { 2: U });
    // Column 3 holds only validator 1's decayed bond: upscaled to 1. Column 2: shares 3:1 of active stake.
    expect(r.outputs.bonds[1 * 4 + 3]).toBe(U);
    expect(r.outputs.bonds[0 * 4 + 2]).toBe(U);
    expect(r.outputs.bonds[1 * 4 + 2]).toBe(Math.floor((1 / 3) * U));
  });
});

describe('quantisation and emission (§5.12, §5.13)', () => {
  it('stores floor(B′·65535) for Yuma3, column-max-upscaled for the original, empty rows without P_new', () => {
    const ema = emptySparse(2, 3);
    set(ema, 1, 0.5);
    set(ema, 2, 0.2);
    set(ema, 3 + 1, 0.25);
    set(ema, 3 + 2, 0.1);
    const rows = Int32Array.from([0, 2]);
    expect([...quantiseBonds(ema, rows, Uint8Array.from([1, 0, 1]), true)]).toEqual([0, 32767, 13107, 0, 16383, 6553]);
    expect([...quantiseBonds(ema, rows, Uint8Array.from([1, 0, 0]), false)]).toEqual([0, U, U, 0, 0, 0]);
  });

  it('without weights, emission follows active stake, or stake when no stake is active', () => {
    const noWeights = state([3, 1, 0], {});
    expect([...runEpochCpu({ ...PARAMS, emission: 8 }, noWeights).outputs.emission]).toEqual([6, 2, 0]);
    noWeights.validatorPermit.fill(0);
    expect([...runEpochCpu({ ...PARAMS, emission: 8 }, noWeights).outputs.emission]).toEqual([6, 2, 0]);
    noWeights.validatorPermit[1] = 1;
    expect([...runEpochCpu({ ...PARAMS, emission: 8 }, noWeights).outputs.emission]).toEqual([0, 8, 0]);
  });

  it('splits E in proportion to incentive + dividends, and moves the state on by tempo + 1 blocks', () => {
    const r = runEpochCpu({ ...PARAMS, emission: 100 }, state([1, 0], { 0: { 1: U } }));
    expect([...r.outputs.incentive]).toEqual([0, 1]);
    expect([...r.outputs.dividends]).toEqual([1, 0]);
    expect([...r.outputs.emission]).toEqual([50, 50]);
    expect(r.next.block).toBe(1000 + 361);
    expect([...r.next.validatorPermit]).toEqual([1, 0]);
    expect([...r.next.bonds]).toEqual([0, Math.floor(0.1 * U)]);
  });
});
