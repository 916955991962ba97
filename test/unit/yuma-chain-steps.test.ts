// The float64 Yuma reference against subtensor's step-by-step epoch tests (pallets/subtensor/src/tests/epoch.rs @
// 14bc6f9f): `test_bonds`, `test_active_stake`, `test_outdated_weights`, `test_zero_weights`,
// `test_validator_permits` with their asserted numbers. How the chain tests map onto a pure epoch function:
// yuma-chain-setup.ts. Node (vitest 'unit').
import { afterAll, describe, expect, it } from 'vitest';
import { runEpochCpu } from '../../src/shared/yuma/epoch-cpu.ts';
import type { YumaOutputs, YumaParams, YumaState } from '../../src/shared/yuma/types.ts';
import {
  bond,
  freshState,
  reportMaxErrors,
  reregister,
  setWeights,
  track,
  U,
  YUMA3,
} from '../support/yuma-chain-setup.ts';

afterAll(reportMaxErrors);

// Step-by-step tests (original Yuma: Yuma3 off). Stored u16 values are compared within `uTol` units: the chain's
// I32F32 arithmetic truncates where float64 rounds, so a value can land one unit lower on chain (49151 → 49150 when
// nothing changes).

const ORIGINAL: YumaParams = {
  ...YUMA3,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000,
  yuma3: false,
  liquidAlpha: false,
  maxAllowedValidators: 100,
};
const uTol = 1;

function expectU16(name: string, got: number, want: number) {
  track(`${name.split(' ')[0]} (u16 units)`, Math.abs(got - want));
  expect(Math.abs(got - want), `${name}: ${got} vs chain ${want}`).toBeLessThanOrEqual(uTol);
}
/** A chain u16 output, floor(x · 65535), against our float. */
const expectU16Of = (name: string, x: number, want: number) => expectU16(name, Math.floor(x * U), want);
/** A chain rao emission (E = 10⁹) against ours, within 10⁻⁵ of E. */
function expectRao(name: string, got: number, want: number) {
  track(`${name.split(' ')[0]} (share of E)`, Math.abs(got - want) / 1e9);
  expect(Math.abs(got - want), `${name}: ${got} vs chain ${want}`).toBeLessThanOrEqual(1e4);
}

function epochAt(params: YumaParams, state: YumaState, block: number) {
  return runEpochCpu(params, { ...state, block });
}

describe('step-by-step chain tests', () => {
  it('test_bonds: original bonds, 8 uids, self-weights and a lone voter', () => {
    const params = { ...ORIGINAL, maxAllowedValidators: 8 };
    const n = 8;
    let s = epochAt(params, freshState([1, 2, 3, 4, 0, 0, 0, 0], [0, 1, 2, 3], 1, 1), 1).next;
    const steps: { at: number; set?: () => void; col: number; want: number[] }[] = [
      {
        at: 2,
        set: () => [0, 1, 2, 3].forEach((i) => setWeights(s, i, [4, 5, 6, 7], [16383, 32767, 49149, 65535], 2)),
        col: 4,
        want: [16383, 32767, 49151, 65535],
      },
      { at: 3, set: () => setWeights(s, 0, [0], [U], 2), col: 4, want: [14582, 32767, 49151, 65535] },
      { at: 4, set: () => setWeights(s, 1, [1], [U], 3), col: 4, want: [12603, 28321, 49151, 65535] },
      { at: 5, set: () => setWeights(s, 2, [2], [U], 4), col: 7, want: [12602, 28320, 49150, 65535] },
      { at: 6, set: () => setWeights(s, 2, [7], [U], 5), col: 7, want: [10951, 24609, 49150, 65535] },
      { at: 7, col: 7, want: [9559, 21482, 49150, 65535] },
      { at: 8, col: 7, want: [8376, 18824, 49150, 65535] },
    ];
    for (const step of steps) {
      step.set?.();
      const { outputs, next } = epochAt(params, s, step.at);
      step.want.forEach((w, i) =>
        expectU16(`test_bonds block ${step.at} bond ${i}→${step.col}`, bond(outputs, n, i, step.col), w),
      );
      s = next;
    }
  });

  it('test_active_stake: inactive validators lose active stake, dividends and bonds', () => {
    const params = { ...ORIGINAL, maxAllowedValidators: 4 };
    const n = 4;
    let s = epochAt(params, freshState([1, 1, 1, 1], [0, 1], 0, 0), 0).next;
    const half = Math.floor(U / 2);
    [0, 1].forEach((i) => setWeights(s, i, [2, 3], [half, half], 1));
    let r = epochAt(params, s, 1);
    for (let i = 0; i < 2; i++) expectU16Of('test_active_stake D', r.outputs.dividends[i], 32767);
    for (let i = 0; i < n; i++) expectRao('test_active_stake E', r.outputs.emission[i], 250_000_000);
    for (let i = 0; i < 2; i++)
      [0, 0, U, U].forEach((b, j) => expectU16('test_active_stake B', bond(r.outputs, n, i, j), b));

    // Blocks move past the cutoff; only uid 0 sets weights again (block 5002 = the gen-A cutoff 5000 + 2).
    s = r.next;
    setWeights(s, 0, [2, 3], [half, half], 5002);
    r = epochAt(params, s, 5002);
    expectU16Of('test_active_stake D', r.outputs.dividends[0], 36044);
    expectRao('test_active_stake E', r.outputs.emission[0], 274_999_999);
    expectU16Of('test_active_stake D', r.outputs.dividends[1], 29490);
    expectRao('test_active_stake E', r.outputs.emission[1], 224_999_999);
    for (const j of [2, 3]) {
      expectU16('test_active_stake B', bond(r.outputs, n, 0, j), U);
      expectU16('test_active_stake B', bond(r.outputs, n, 1, j), 53619);
    }

    s = r.next;
    setWeights(s, 1, [2, 3], [half, half], 5002);
    r = epochAt(params, s, 5003);
    expectU16Of('test_active_stake D', r.outputs.dividends[0], 35716);
    expectRao('test_active_stake E', r.outputs.emission[0], 272_501_132);
    expectU16Of('test_active_stake D', r.outputs.dividends[1], 29818);
    expectRao('test_active_stake E', r.outputs.emission[1], 227_498_866);
    for (const j of [2, 3]) {
      expectU16('test_active_stake B', bond(r.outputs, n, 0, j), U);
      expectU16('test_active_stake B', bond(r.outputs, n, 1, j), 54712);
    }
  });

  it('test_outdated_weights: weights older than a re-registration are masked', () => {
    // Tempo 0: activity cutoff max(1, 0) = 1 block, bonds registration mask at `block − 0`.
    const params = { ...ORIGINAL, tempo: 0, activityCutoff: 1, maxAllowedValidators: 4 };
    const n = 4;
    let s = epochAt(params, freshState([1, 1, 1, 1], [0, 1, 2, 3], 1, 1), 1).next;
    const third = Math.floor(U / 3);
    [0, 1].forEach((i) => setWeights(s, i, [2, 3], [2 * third, third], 2));
    [2, 3].forEach((i) => setWeights(s, i, [i], [U], 2));
    s = epochAt(params, s, 2).next;
    reregister(s, 3, 2);
    setWeights(s, 0, [2, 3], [2 * third, third], 3);
    const r = epochAt(params, s, 3);
    expectU16Of('test_outdated_weights D', r.outputs.dividends[0], 32767);
    expectRao('test_outdated_weights E', r.outputs.emission[0], 250_000_000);
    expectU16('test_outdated_weights B', bond(r.outputs, n, 0, 2), U);
    expectU16('test_outdated_weights B', bond(r.outputs, n, 0, 3), U);
  });

  it('test_zero_weights: emission falls back to active stake, then to stake', () => {
    // Tempo 65 534: cutoff 910 201 blocks; `block − tempo` saturates to 0, so every stored bond is masked.
    const params = { ...ORIGINAL, tempo: 65534, activityCutoff: 910_201 };
    const expectE = (o: YumaOutputs, want: number[]) =>
      want.forEach((w, i) => expectRao('test_zero_weights E', o.emission[i], w));
    let r = epochAt(params, freshState([1, 0], [0, 1], 1, 1), 1);
    expectE(r.outputs, [1e9, 0]);
    let s = r.next;
    setWeights(s, 1, [1], [U], 1);
    r = epochAt(params, s, 1);
    expectE(r.outputs, [1e9, 0]);
    s = r.next;
    setWeights(s, 0, [1], [U], 2);
    reregister(s, 1, 2);
    r = epochAt(params, s, 2);
    expectE(r.outputs, [1e9, 0]);
    s = r.next;
    setWeights(s, 0, [1], [U], 3);
    r = epochAt(params, s, 3);
    expectE(r.outputs, [5e8, 5e8]);
  });

  it('test_validator_permits: top-k stake over the threshold, across interleavings', () => {
    // Interleavings 0 (blockwise) and 1 (regular) as on chain; the chain's random one (2) with three fixed seeds.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const layouts = (n: number, v: number): number[][] => {
      const random = () => {
        const p = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [p[i], p[j]] = [p[j], p[i]];
        }
        return p.slice(0, v);
      };
      const regular = Array.from({ length: n }, (_, i) => i).filter((i) => i % (n / v) === 0);
      return [Array.from({ length: v }, (_, i) => i), regular, random(), random(), random()];
    };
    for (const [n, v] of [
      [2, 1],
      [4, 2],
      [8, 4],
    ]) {
      for (const validators of layouts(n, v)) {
        const servers = Array.from({ length: n }, (_, i) => i).filter((i) => !validators.includes(i));
        for (const assignment of [0, 1]) {
          const stake = Array.from({ length: n }, (_, i) =>
            validators.includes(i) ? (assignment ? i + n : 1) : assignment ? i : 0,
          );
          const params = {
            ...ORIGINAL,
            tempo: 65534,
            activityCutoff: 910_201,
            stakeThreshold: v,
            maxAllowedValidators: v,
          };
          const first = epochAt(params, freshState(stake, [], 1, 1), 1);
          const label = `n=${n} validators=[${validators}] assignment ${assignment}`;
          for (const i of validators) expect(first.outputs.validatorPermit[i], label).toBe(stake[i] >= v ? 1 : 0);
          for (const i of servers) expect(first.outputs.validatorPermit[i], label).toBe(0);
          const s = first.next;
          for (const i of servers) s.stake[i] += 2 * n;
          const second = epochAt(params, s, 1);
          for (const i of validators) expect(second.outputs.validatorPermit[i], label).toBe(0);
          for (const i of servers) expect(second.outputs.validatorPermit[i], label).toBe(stake[i] + 2 * n >= v ? 1 : 0);
        }
      }
    }
  });
});
