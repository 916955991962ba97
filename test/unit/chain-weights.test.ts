// Weights from results to chain values: the SDK's float → u16 conversion checked against the same formula run by
// real Python (banker's rounding, float32 input), the chain's I32F32 max-upscale, the CR-v2 commit hash vector of
// chain.md §2.6, and weight sources with a burn share and hotkey → UID mapping. Node (vitest 'unit').
import { execFileSync } from 'node:child_process';
import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { commitHash, commitPreimage, randomSalt } from '../../src/chain/weights/commit-hash.ts';
import { convertWeightsForEmit, maxUpscaleU16, pyRound, WeightsConvertError } from '../../src/chain/weights/convert.ts';
import {
  resolveUid,
  weightsFromAffineDocument,
  weightsFromChampion,
  weightsFromStages,
  WeightsSourceError,
} from '../../src/chain/weights/sources.ts';
import type { Verdict } from '../../src/shared/judge/types.ts';

// `convert_weights_and_uids_for_emit` re-typed from bittensor @ bb526e6d; float32 via struct, as numpy's cast.
const PY_SDK = `
import json, struct, sys
def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
def emit(uids, weights):
    if min(weights) < 0: raise ValueError('negative')
    if min(uids) < 0: raise ValueError('negative uid')
    if len(uids) != len(weights): raise ValueError('length')
    if sum(weights) == 0: return [], []
    m = float(max(weights))
    weights = [float(v) / m for v in weights]
    vals, us = [], []
    for w, u in zip(weights, uids):
        v = round(float(w) * int(65535))
        if v != 0:
            vals.append(v); us.append(u)
    return us, vals
out = []
for c in json.load(sys.stdin):
    w = [f32(x) for x in c['w']] if c['f32'] else c['w']
    out.append(emit(c['u'], w))
print(json.dumps(out))
`;

function python(cases: { u: number[]; w: number[]; f32: boolean }[]): [number[], number[]][] {
  return JSON.parse(execFileSync('python3', ['-c', PY_SDK], { input: JSON.stringify(cases), encoding: 'utf8' }));
}

describe('convertWeightsForEmit (SDK rule)', () => {
  it("rounds like Python's round(): exact halves go to the even neighbour", () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, 10922.5, 10923.5, 2.4999999999999996].map(pyRound)).toEqual([
      0, 2, 2, 4, 0, 10922, 10924, 2,
    ]);
    // 1/6 of the max → 65535/6 = 10922.5 exactly in doubles → 10922 (half-up would give 10923).
    expect(convertWeightsForEmit([1, 2], [1 / 6, 1], { precision: 'float64' }).values).toEqual([10922, 65535]);
    // 0.3 → 19660.5 in doubles (→ 19660), but float32(0.3) is 0.30000001… → 19660.50078 → 19661.
    expect(convertWeightsForEmit([1, 2], [0.3, 1], { precision: 'float64' }).values).toEqual([19660, 65535]);
    expect(convertWeightsForEmit([1, 2], [0.3, 1]).values).toEqual([19661, 65535]);
  });

  it('matches the SDK formula run by python3 on edge and random cases, float32 and float64', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) as number;
    const cases: { u: number[]; w: number[]; f32: boolean }[] = [];
    for (const f32 of [true, false]) {
      cases.push({ u: [0, 1, 2], w: [1 / 6, 5 / 6, 1], f32 }, { u: [3, 4], w: [0.1, 0.7], f32 });
      cases.push({ u: [5, 6, 7], w: [1e-6, 7.6e-6, 1], f32 }, { u: [0, 9], w: [0, 0], f32 });
      for (let k = 0; k < 60; k++) {
        const len = 1 + Math.floor(rand() * 12);
        const w = Array.from({ length: len }, () => (rand() < 0.2 ? rand() * 1e-4 : rand()));
        cases.push({ u: w.map((_, i) => i * 3), w, f32 });
      }
    }
    const expected = python(cases);
    const got = cases.map((c) => {
      const r = convertWeightsForEmit(c.u, c.w, { precision: c.f32 ? 'float32' : 'float64' });
      return [r.uids, r.values];
    });
    expect(got).toEqual(expected);
    expect(got.some(([u], i) => u!.length < cases[i]!.u.length && u!.length > 0)).toBe(true); // zeros were dropped
  });

  it('returns nothing for an all-zero vector and drops entries that round to 0', () => {
    expect(convertWeightsForEmit([1, 2, 3], [0, 0, 0])).toEqual({ uids: [], values: [] });
    expect(convertWeightsForEmit([1, 2, 3], [1, 0, 1e-6], { precision: 'float64' })).toEqual({
      uids: [1],
      values: [65535],
    });
    expect(convertWeightsForEmit([4, 5], [2, 1])).toEqual({ uids: [4, 5], values: [65535, 32768] });
  });

  it('rejects negatives, mismatched lengths, empty and non-u16 input with clear errors, in the SDK order', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as WeightsConvertError).code, (e as Error).message];
      }
      return null;
    };
    expect(err(() => convertWeightsForEmit([1, 2], [0.5, -0.1]))).toEqual([
      'negative-weight',
      'Passed weight is negative and cannot exist on chain: [0.5, -0.1].',
    ]);
    expect(err(() => convertWeightsForEmit([-1, 2], [0.5, 0.1]))![0]).toBe('negative-uid');
    // A negative weight is reported before the length mismatch, as in Python.
    expect(err(() => convertWeightsForEmit([1], [0.5, -0.1]))![0]).toBe('negative-weight');
    expect(err(() => convertWeightsForEmit([1, 2, 3], [0.5, 0.1]))).toEqual([
      'length-mismatch',
      'Passed weights and uids must have the same length, got 3 uids and 2 weights.',
    ]);
    expect(err(() => convertWeightsForEmit([], []))![0]).toBe('empty');
    expect(err(() => convertWeightsForEmit([70000], [1]))![0]).toBe('not-u16');
    expect(err(() => convertWeightsForEmit([1], [NaN]))![0]).toBe('not-finite');
  });
});

describe('maxUpscaleU16 (chain, I32F32)', () => {
  it('rounds ties away from zero, unlike the SDK', () => {
    // 1 · 65535 / 2 = 32767.5 → 32768; 3 · 65535 / 2 would overflow u16: max is 2, so only e ≤ 2 occur.
    expect(maxUpscaleU16([1, 2])).toEqual([32768, 65535]);
    // 65535 / 6 = 10922.5 → 10923 (the SDK's round() gives 10922 for the same ratio).
    expect(maxUpscaleU16([1, 6])).toEqual([10923, 65535]);
    // max > 32768: ratio 65535 / 43690 = 1.5 exactly, 1 · 1.5 → 2 (away from zero), 3 · 1.5 = 4.5 → 5.
    expect(maxUpscaleU16([1, 3, 43690])).toEqual([2, 5, 65535]);
  });

  it('truncates the I32F32 ratio before multiplying when the max is above 32768', () => {
    // Hand-computed: ratio = floor(65535 · 2^32 / 40000) = 7036767043, and 20000 · ratio / 2^32 = 32767.4999973:
    // exact arithmetic gives 32767.5 (→ 32768), the truncated ratio rounds down.
    expect(maxUpscaleU16([20000, 40000])).toEqual([32767, 65535]);
  });

  it('keeps explicit zeros, passes all-zero and empty vectors, and leaves already-upscaled values alone', () => {
    expect(maxUpscaleU16([0, 5, 10])).toEqual([0, 32768, 65535]);
    expect(maxUpscaleU16([0, 0])).toEqual([0, 0]);
    expect(maxUpscaleU16([])).toEqual([]);
    const sdk = convertWeightsForEmit([0, 1, 2, 3], [0.1, 0.25, 0.5, 1]).values;
    expect(maxUpscaleU16(sdk)).toEqual(sdk);
    expect(() => maxUpscaleU16([65536])).toThrow(WeightsConvertError);
  });
});

describe('commit hash (CR-v2)', () => {
  const alice = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
  const vector = {
    hotkey: alice,
    netuidIndex: 1,
    uids: [0, 1, 2],
    values: [65535, 32768, 1],
    salt: [1, 2, 3, 4, 5, 6, 7, 8],
    versionKey: 0,
  };

  it('reproduces the chain.md §2.6 encoding and hash', () => {
    expect(u8aToHex(commitPreimage(vector))).toBe(
      alice + '0100' + '0c000001000200' + '0cffff00800100' + '2001000200030004000500060007000800' + '0000000000000000',
    );
    expect(commitHash(vector)).toBe('0xf659ae7db54e83c3a01551769e722eb6a3ee70e1074431713f2b2d8b8261f72d');
  });

  it('encodes like @polkadot/types for other inputs (mechanism index, long vectors, large version key)', () => {
    const registry = new TypeRegistry();
    const c = {
      ...vector,
      netuidIndex: 2 * 4096 + 120,
      uids: Array.from({ length: 70 }, (_, i) => i),
      values: Array.from({ length: 70 }, (_, i) => 900 * i),
      versionKey: 2n ** 63n + 5n,
    };
    const ref = registry.createType('(AccountId32,u16,Vec<u16>,Vec<u16>,Vec<u16>,u64)', [
      c.hotkey,
      c.netuidIndex,
      c.uids,
      c.values,
      c.salt,
      c.versionKey,
    ]);
    expect(u8aToHex(commitPreimage(c))).toBe(u8aToHex(ref.toU8a()));
    expect(() => commitHash({ ...c, values: [1] })).toThrow(/differ in length/);
    expect(() => commitPreimage({ ...c, hotkey: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' })).toThrow(
      /public key/,
    );
  });

  it('draws 8 random u16 salt values', () => {
    const a = randomSalt();
    expect(a).toHaveLength(8);
    expect(a.every((x) => Number.isInteger(x) && x >= 0 && x <= 65535)).toBe(true);
    expect(randomSalt()).not.toEqual(a);
  });
});

describe('weight sources', () => {
  const champion = (winner: string | null): Verdict => ({ rule: 'champion', winner, summary: '', steps: [] });

  it('gives the champion everything but the burn share (Affine §6.6 examples)', () => {
    expect(weightsFromChampion(champion('affine:17'))).toMatchObject({ uids: [17], weights: [1], unknown: [] });
    const burnt = weightsFromChampion(champion('affine:17'), {}, 0.2);
    expect(burnt.uids).toEqual([0, 17]);
    expect(burnt.weights[0]).toBeCloseTo(0.2, 15);
    expect(burnt.weights[1]).toBeCloseTo(0.8, 15);
    expect(convertWeightsForEmit(burnt.uids, burnt.weights)).toEqual({ uids: [0, 17], values: [16384, 65535] });
  });

  it('finds UIDs from the models, then affine:<uid>, then the hotkey map; reports and burns unknown ones', () => {
    const models = [{ id: 'run-a', label: 'a', uid: 5, envs: {} }];
    const byHotkey = new Map([['5HotkeyB', 9]]);
    expect(resolveUid('run-a', { models })).toBe(5);
    expect(resolveUid('hotkey:5HotkeyB', { uidByHotkey: byHotkey })).toBe(9);
    expect(resolveUid('5HotkeyB', { uidByHotkey: { '5HotkeyB': 9 } })).toBe(9);
    expect(weightsFromChampion(champion('5HotkeyB'), { uidByHotkey: byHotkey }).uids).toEqual([9]);
    const lost = weightsFromChampion(champion('file:x.jsonl'), { models, uidByHotkey: byHotkey });
    expect(lost).toMatchObject({ uids: [0], weights: [1], unknown: ['file:x.jsonl'] });
    expect(lost.notes.join(' ')).toMatch(/No UID for file:x\.jsonl/);
    expect(() => weightsFromChampion(champion(null))).toThrow(WeightsSourceError);
    expect(() => weightsFromChampion({ ...champion('a'), rule: 'stages' })).toThrow(/Expected a champion verdict/);
  });

  it('takes the stage-4 weights, merging ids on one UID and burning unknown ones with the burn share', () => {
    const v: Verdict = {
      rule: 'stages',
      winner: 'affine:3',
      summary: '',
      steps: [],
      weights: { 'affine:0': 0.1, 'affine:3': 0.5, 'run-b': 0.1, ghost: 0.3, 'affine:8': 0 },
    };
    const r = weightsFromStages(v, { models: [{ id: 'run-b', label: 'b', uid: 3, envs: {} }] }, 0.5);
    // Regular {0: 0.1, 3: 0.6}, ghost 0.3 unknown; ×(1 − 0.5): UID 3 0.3; UID 0 0.05 + 0.5 + 0.15 = 0.7.
    expect(r.uids).toEqual([0, 3]);
    expect(r.weights[0]).toBeCloseTo(0.7, 12);
    expect(r.weights[1]).toBeCloseTo(0.3, 12);
    expect(r.unknown).toEqual(['ghost']);
    expect(r.notes.join(' ')).toMatch(/affine:3 and run-b are both UID 3/);
  });

  it('refuses a burn share outside [0, 1]', () => {
    for (const b of [-0.1, 1.5, NaN, Infinity])
      expect(() => weightsFromChampion(champion('affine:1'), {}, b)).toThrow(/must be a fraction in \[0, 1\]/);
    expect(weightsFromChampion(champion('affine:1'), {}, 1)).toMatchObject({ uids: [0, 1], weights: [1, 0] });
  });

  it("turns a /scores/weights/latest document into weights as Affine's validator does", () => {
    const doc = (weights: Record<string, number>) =>
      JSON.stringify({
        block_number: 1,
        config: {},
        weights: Object.fromEntries(Object.entries(weights).map(([k, w]) => [k, { weight: w }])),
      });
    expect(weightsFromAffineDocument(doc({ 17: 1, 42: 0, 88: 0 }))).toMatchObject({ uids: [17], weights: [1] });
    expect(weightsFromAffineDocument(doc({ '-1': 1 }))).toMatchObject({ uids: [0], weights: [1] });
    expect(weightsFromAffineDocument(doc({ 1005: 1 }))).toMatchObject({ uids: [0], weights: [1] });
    const mix = weightsFromAffineDocument(doc({ 17: 0.6, '-1': 0.4, 5: -1 }), 0.5);
    expect(mix.uids).toEqual([0, 17]);
    expect(mix.weights[0]).toBeCloseTo(0.7, 12);
    expect(mix.weights[1]).toBeCloseTo(0.3, 12);
    expect(() => weightsFromAffineDocument(JSON.stringify({ block_number: 1, scores: [] }))).toThrow(
      /got a scores document/,
    );
    expect(() => weightsFromAffineDocument(doc({ 17: 1 }), 2)).toThrow(WeightsSourceError);
  });
});
