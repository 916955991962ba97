// src/components/yuma/scenario-edit.ts: one validator's weights changed in a Yuma state, with a new row inserted in
// uid order or an existing one replaced (its bonds kept), the input left untouched, and bad uids named. Node realm.
import { describe, expect, it } from 'vitest';
import { parseWeightsText, withValidatorWeights } from '../../src/components/yuma/scenario-edit.ts';
import type { YumaState } from '../../src/shared/yuma/types.ts';

// n = 3, rows [0, 2]: validator 0 weighs uid 1, validator 2 weighs uid 1 and has a bond on it.
const base = (): YumaState => ({
  n: 3,
  block: 100,
  stake: Float64Array.from([5, 1, 3]),
  lastUpdate: Float64Array.from([10, 0, 20]),
  blockAtRegistration: new Float64Array(3),
  validatorPermit: Uint8Array.from([1, 0, 1]),
  rows: Int32Array.from([0, 2]),
  weights: Uint16Array.from([0, 65535, 0, 0, 40000, 0]),
  weightMask: Uint8Array.from([0, 1, 0, 0, 1, 0]),
  bonds: Uint16Array.from([0, 0, 0, 0, 900, 0]),
});

describe('withValidatorWeights', () => {
  it('inserts a new row in uid order and leaves the input as it was', () => {
    const s = base();
    const next = withValidatorWeights(
      s,
      1,
      new Map([
        [0, 7],
        [2, 0],
      ]),
    );
    expect([...next.rows]).toEqual([0, 1, 2]);
    expect([...next.weights]).toEqual([0, 65535, 0, 7, 0, 0, 0, 40000, 0]);
    expect([...next.weightMask]).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect([...next.bonds]).toEqual([0, 0, 0, 0, 0, 0, 0, 900, 0]);
    expect([...next.lastUpdate]).toEqual([10, 99, 20]);
    expect(s).toEqual(base());
  });

  it('replaces an existing row with exactly the listed entries and keeps its bonds', () => {
    const next = withValidatorWeights(base(), 2, new Map([[0, 123]]));
    expect([...next.rows]).toEqual([0, 2]);
    expect([...next.weights]).toEqual([0, 65535, 0, 123, 0, 0]);
    expect([...next.weightMask]).toEqual([0, 1, 0, 1, 0, 0]);
    expect([...next.bonds]).toEqual([0, 0, 0, 0, 900, 0]);
    expect(next.lastUpdate[2]).toBe(99);
  });

  it('names a bad validator, miner or value', () => {
    expect(() => withValidatorWeights(base(), 3, new Map())).toThrow('Validator UID 3 is not in 0…2.');
    expect(() => withValidatorWeights(base(), 0, new Map([[5, 1]]))).toThrow('Miner UID 5 is not in 0…2.');
    expect(() => withValidatorWeights(base(), 0, new Map([[1, 70000]]))).toThrow('must be a u16, got 70000');
  });
});

describe('parseWeightsText', () => {
  it('reads u16 values as given and shares max-upscaled; names bad entries', () => {
    expect([...parseWeightsText('3: 65535, 4: 32768')]).toEqual([
      [3, 65535],
      [4, 32768],
    ]);
    expect([...parseWeightsText('1: 0.5, 2: 0.25')]).toEqual([
      [1, 65535],
      [2, 32768],
    ]);
    expect(() => parseWeightsText('1: 1, 1: 2')).toThrow('UID 1 is listed twice.');
    expect(() => parseWeightsText('x')).toThrow('"x" is not "uid: weight".');
  });
});
