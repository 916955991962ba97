// The packed wire format of Pyodide's memory snapshot (src/sandbox/snapshot-codec.ts): what goes in comes out, on
// fresh random heaps of zeros and bytes, and a broken pack is refused by name, never unpacked into a wrong heap.
import { describe, expect, test } from 'vitest';
import { packSnapshot, unpackSnapshot } from '../../src/sandbox/snapshot-codec.ts';
import { rng } from '../support/rng.ts';

const SEED = Number(process.env.CODEC_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A heap-like buffer: stretches of zeros (short and long) between stretches of bytes that hold some zeros too. */
function heap(rand: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length;) {
    const run = 1 + Math.floor(rand() ** 3 * 5000);
    if (rand() < 0.5) {
      for (let k = i; k < Math.min(length, i + run); k++) out[k] = rand() < 0.2 ? 0 : 1 + Math.floor(rand() * 255);
    }
    i += run;
  }
  return out;
}

/** Byte-for-byte equality (vitest's toEqual walks a large typed array element by element, slowly). */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

describe('snapshot codec', () => {
  test(`round trips random heaps (CODEC_SEED=${SEED}) and leaves the long zero runs out`, () => {
    const rand = rng(SEED);
    for (let t = 0; t < 40; t++) {
      const bytes = heap(rand, Math.floor(rand() * 300_000));
      const packed = packSnapshot(bytes);
      expect(same(unpackSnapshot(packed), bytes)).toBe(true);
      const zeros = bytes.length - bytes.filter((b) => b !== 0).length;
      if (zeros > bytes.length / 2) expect(packed.length).toBeLessThan(bytes.length * 0.75);
    }
  });

  test('edge cases: empty, all zeros, no zeros, zeros at either end, runs just under and over the threshold', () => {
    const cases = [
      new Uint8Array(0),
      new Uint8Array(1000),
      new Uint8Array(1000).fill(7),
      Uint8Array.from([0, 0, 0, 5]),
      Uint8Array.from([5, ...new Array<number>(500).fill(0)]),
      Uint8Array.from([1, ...new Array<number>(63).fill(0), 2, ...new Array<number>(64).fill(0), 3]),
    ];
    for (const bytes of cases) expect(same(unpackSnapshot(packSnapshot(bytes)), bytes)).toBe(true);
    expect(packSnapshot(new Uint8Array(1000)).length).toBe(12); // the header alone
  });

  test(`a broken pack is refused with what is wrong (CODEC_SEED=${SEED})`, () => {
    const packed = packSnapshot(heap(rng(SEED + 1), 100_000));
    expect(() => unpackSnapshot(new TextEncoder().encode('raw heap bytes, not a pack'))).toThrow(/wrong magic/);
    expect(() => unpackSnapshot(packed.subarray(0, 10))).toThrow(/wrong magic/);
    expect(() => unpackSnapshot(packed.subarray(0, packed.length - 1))).toThrow(/does not fit|cut short/);
    expect(() => unpackSnapshot(Uint8Array.from([...packed, 0]))).toThrow(/trailing bytes/);
    const lying = packed.slice();
    new DataView(lying.buffer).setUint32(4, 0, true); // an unpacked length of 0: no segment fits
    expect(() => unpackSnapshot(lying)).toThrow(/segment 0 does not fit/);
  });
});
