// Timelock commits (src/chain/timelock) against the chain.md §7 golden vector, the real drand round-1000 pulse,
// and the Rust `tle` crate compiled to wasm (@ideallabs/timelock_wasm_wrapper 0.2.0-dev) as an independent
// implementation. Node realm.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { initSync, tld, tle } from '@ideallabs/timelock_wasm_wrapper';
import { TypeRegistry } from '@polkadot/types';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CIPHERTEXT_OVERHEAD,
  QUICKNET_CHAIN_HASH,
  QUICKNET_GENESIS_TIME,
  QUICKNET_PERIOD_SECONDS,
  QUICKNET_PUBLIC_KEY_HEX,
  TimelockError,
  decodeWeightsPayload,
  decryptWithSignature,
  encodeWeightsPayload,
  encryptForRound,
  parseCiphertext,
  roundAt,
  roundMessage,
  roundPoint,
  roundTime,
  verifyRoundSignature,
  type TimelockErrorCode,
} from '../../src/chain/timelock/index.ts';
import { GOLDEN_CIPHERTEXT, GOLDEN_PLAINTEXT, GOLDEN_SHA256, quicknetFixture } from '../support/timelock-vectors.ts';

const fixture = quicknetFixture();
const pulse1000 = fixture.pulses.find((p) => p.round === 1000)!;
const SIG_1000 = hexToBytes(pulse1000.signature_g1_compressed_hex);
const ALICE = hexToBytes('d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');

const seq = (start: number, n: number) => Uint8Array.from({ length: n }, (_, i) => start + i);
const randomInts = (n: number, max: number) => Array.from({ length: n }, () => Math.floor(Math.random() * (max + 1)));

/** Resolves with the TimelockError code the promise rejected with; fails the test if it resolved. */
async function failureCode(p: Promise<unknown>): Promise<TimelockErrorCode> {
  const outcome = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a TimelockError, got a result: ${String(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TimelockError);
  const e = outcome.error as TimelockError;
  expect(e.message.length).toBeGreaterThan(20);
  return e.code;
}

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] ^= 0x01;
  return out;
}

describe('quicknet constants', () => {
  it('agree with the fixture, and the round-1000 pulse verifies against them', () => {
    expect(QUICKNET_CHAIN_HASH).toBe(fixture.chain_hash);
    expect(QUICKNET_PUBLIC_KEY_HEX).toBe(fixture.public_key_g2_compressed_hex);
    expect(QUICKNET_GENESIS_TIME).toBe(fixture.genesis_time);
    expect(QUICKNET_PERIOD_SECONDS).toBe(fixture.period_seconds);
    expect(bytesToHex(sha256(SIG_1000))).toBe(pulse1000.randomness);
    expect(verifyRoundSignature(1000, SIG_1000)).toBe(true);
    expect(verifyRoundSignature(1001, SIG_1000)).toBe(false);
  });

  it('converts rounds to times and back', () => {
    expect(roundTime(1)).toBe(QUICKNET_GENESIS_TIME);
    expect(roundTime(1000)).toBe(QUICKNET_GENESIS_TIME + 999 * 3);
    for (const r of [1, 2, 1000, 20_000_000]) {
      expect(roundAt(roundTime(r))).toBe(r);
      expect(roundAt(roundTime(r) + 2.999)).toBe(r);
      expect(roundAt(roundTime(r) + 3)).toBe(r + 1);
    }
    expect(roundAt(QUICKNET_GENESIS_TIME - 1)).toBe(0);
    expect(() => roundTime(0)).toThrow(TimelockError);
    expect(() => roundMessage(1.5)).toThrow(TimelockError);
  });
});

describe('encryptor', () => {
  it('reproduces the chain.md §7 golden vector byte for byte', async () => {
    const ct = await encryptForRound(hexToBytes(GOLDEN_PLAINTEXT), 1000, {
      key: seq(0x00, 32),
      sigma: seq(0x20, 32),
      nonce: seq(0x40, 12),
    });
    expect(ct.length).toBe(299);
    expect(bytesToHex(ct)).toBe(GOLDEN_CIPHERTEXT);
    expect(bytesToHex(sha256(ct))).toBe(GOLDEN_SHA256);
  });

  it('commits to round 1000 with fresh randomness that the real round-1000 signature opens', async () => {
    const plaintext = encodeWeightsPayload({
      hotkey: crypto.getRandomValues(new Uint8Array(32)),
      uids: randomInts(10, 255),
      values: randomInts(10, 65535),
      versionKey: 7n,
    });
    const a = await encryptForRound(plaintext, 1000);
    const b = await encryptForRound(plaintext, 1000);
    for (const ct of [a, b]) {
      expect(ct.length).toBe(plaintext.length + CIPHERTEXT_OVERHEAD);
      expect(new TextDecoder().decode(ct.subarray(-8))).toBe('AES_GCM_');
      expect(parseCiphertext(ct).sealed.length).toBe(plaintext.length + 16);
      expect(await decryptWithSignature(ct, SIG_1000)).toEqual(plaintext);
    }
    // Fresh K, σ and nonce every call: equal ciphertexts would mean the randomness is not being drawn.
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
    expect(await decryptWithSignature(a, pulse1000.signature_g1_compressed_hex)).toEqual(plaintext);
  });

  it('refuses bad randomness and rounds instead of encrypting with them', async () => {
    const pt = new Uint8Array(4);
    expect(await failureCode(encryptForRound(pt, 1000, { key: new Uint8Array(31) }))).toBe('invalid-input');
    expect(await failureCode(encryptForRound(pt, 1000, { nonce: new Uint8Array(16) }))).toBe('invalid-input');
    expect(await failureCode(encryptForRound(pt, 0))).toBe('invalid-input');
  });
});

describe('decryptor rejects what it cannot open', () => {
  let golden: Uint8Array;
  beforeAll(() => {
    golden = hexToBytes(GOLDEN_CIPHERTEXT);
  });

  it('opens the golden vector with the round-1000 signature', async () => {
    expect(bytesToHex(await decryptWithSignature(golden, SIG_1000))).toBe(GOLDEN_PLAINTEXT);
  });

  it('fails on a different valid G1 point, and on another round’s genuine signature', async () => {
    expect(await failureCode(decryptWithSignature(golden, bls12_381.G1.Point.BASE.toBytes(true)))).toBe(
      'wrong-signature',
    );
    expect(await failureCode(decryptWithSignature(golden, roundPoint(1000).toBytes(true)))).toBe('wrong-signature');
    // A beacon of our own, so we hold real signatures of two rounds: round 1001's must not open round 1000.
    const secret = bls12_381.fields.Fr.create(0x1234_5678_9abc_def0_1122_3344_5566_7788n);
    const publicKey = bls12_381.G2.Point.BASE.multiply(secret);
    const sign = (round: number) => roundPoint(round).multiply(secret).toBytes(true);
    const ct = await encryptForRound(new Uint8Array([1, 2, 3]), 1000, { publicKey });
    expect(await decryptWithSignature(ct, sign(1000))).toEqual(new Uint8Array([1, 2, 3]));
    expect(await failureCode(decryptWithSignature(ct, sign(1001)))).toBe('wrong-signature');
  });

  it('fails on signature bytes that are not a G1 point', async () => {
    expect(await failureCode(decryptWithSignature(golden, SIG_1000.subarray(0, 47)))).toBe('invalid-signature');
    expect(await failureCode(decryptWithSignature(golden, flipped(SIG_1000, 47)))).toBe('invalid-signature');
    expect(await failureCode(decryptWithSignature(golden, 'not hex'))).toBe('invalid-signature');
  });

  it('fails on a tampered ciphertext, naming the layer that caught it', async () => {
    const L = 55;
    const cases: [string, number, TimelockErrorCode[]][] = [
      ['U', 40, ['malformed-ciphertext', 'wrong-signature']],
      ['V', 104, ['wrong-signature']],
      ['W', 175, ['wrong-signature']],
      ['AES ciphertext', 192, ['decryption-failed']],
      ['AES tag', 192 + L + 15, ['decryption-failed']],
      ['nonce', 216 + L, ['decryption-failed']],
      ['body length', 176, ['malformed-ciphertext']],
      ['nonce length', 208 + L, ['malformed-ciphertext']],
      ['cipher suite', 240 + L, ['malformed-ciphertext']],
    ];
    for (const [field, at, codes] of cases) {
      expect(codes, field).toContain(await failureCode(decryptWithSignature(flipped(golden, at), SIG_1000)));
    }
    expect(await failureCode(decryptWithSignature(golden.subarray(0, 298), SIG_1000))).toBe('malformed-ciphertext');
    expect(await failureCode(decryptWithSignature(golden.subarray(0, 100), SIG_1000))).toBe('malformed-ciphertext');
    const trailing = new Uint8Array(300);
    trailing.set(golden);
    expect(await failureCode(decryptWithSignature(trailing, SIG_1000))).toBe('malformed-ciphertext');
  });
});

describe('interoperability with the Rust tle crate (wasm build)', () => {
  beforeAll(() => {
    // The package is a wasm-pack `--target web` build: in Node, hand it the .wasm bytes instead of a fetch URL.
    const wasm = createRequire(import.meta.url).resolve(
      '@ideallabs/timelock_wasm_wrapper/timelock_wasm_wrapper_bg.wasm',
    );
    initSync({ module: readFileSync(wasm) });
  });
  const rustDecrypt = (ct: Uint8Array, sig: Uint8Array) => Uint8Array.from(tld(ct, sig, 'bls12_381') as number[]);

  it('opens the golden vector and three fresh ciphertexts of ours', async () => {
    expect(bytesToHex(rustDecrypt(hexToBytes(GOLDEN_CIPHERTEXT), SIG_1000))).toBe(GOLDEN_PLAINTEXT);
    for (const n of [0, 3, 70]) {
      const plaintext = encodeWeightsPayload({
        hotkey: crypto.getRandomValues(new Uint8Array(32)),
        uids: Array.from({ length: n }, (_, i) => i),
        values: randomInts(n, 65535),
        versionKey: BigInt(randomInts(1, 1e9)[0]!),
      });
      const ct = await encryptForRound(plaintext, 1000);
      expect(rustDecrypt(ct, SIG_1000)).toEqual(plaintext);
    }
  });

  it('refuses our ciphertext with a wrong signature, as the chain would', async () => {
    const ct = await encryptForRound(new Uint8Array([9, 9, 9]), 1000);
    expect(() => rustDecrypt(ct, bls12_381.G1.Point.BASE.toBytes(true))).toThrow();
  });

  it('produces ciphertexts ours opens', async () => {
    for (let i = 0; i < 2; i++) {
      const plaintext = crypto.getRandomValues(new Uint8Array(40 + i));
      const key = crypto.getRandomValues(new Uint8Array(32));
      const pub = hexToBytes(QUICKNET_PUBLIC_KEY_HEX);
      const theirs = Uint8Array.from(tle(roundMessage(1000), plaintext, key, pub, 'bls12_381') as number[]);
      expect(theirs.length).toBe(plaintext.length + CIPHERTEXT_OVERHEAD);
      expect(await decryptWithSignature(theirs, SIG_1000)).toEqual(plaintext);
    }
  });
});

describe('WeightsTlockPayload', () => {
  it('encodes the §7 plaintext for //Alice exactly, and decodes it back', () => {
    const payload = { hotkey: ALICE, uids: [0, 1, 2], values: [65535, 32768, 1], versionKey: 0n };
    const bytes = encodeWeightsPayload(payload);
    expect(bytes.length).toBe(55);
    expect(bytesToHex(bytes)).toBe(GOLDEN_PLAINTEXT);
    expect(decodeWeightsPayload(bytes)).toEqual(payload);
  });

  it('matches @polkadot/types SCALE on random payloads, across the compact-length boundary', () => {
    const registry = new TypeRegistry();
    for (const n of [0, 1, 63, 64, 300]) {
      const payload = {
        hotkey: crypto.getRandomValues(new Uint8Array(32)),
        uids: randomInts(n, 65535),
        values: randomInts(n, 65535),
        versionKey: 0xfedc_ba98_7654_3210n,
      };
      const ours = encodeWeightsPayload(payload);
      const theirs = registry
        .createType('(Vec<u8>,Vec<u16>,Vec<u16>,u64)', [
          Array.from(payload.hotkey),
          payload.uids,
          payload.values,
          payload.versionKey,
        ])
        .toU8a();
      expect(bytesToHex(ours)).toBe(bytesToHex(theirs));
      expect(ours.length).toBe((n < 64 ? 43 : 45) + 4 * n);
      expect(decodeWeightsPayload(ours)).toEqual(payload);
    }
  });

  it('rejects bad input and malformed bytes with clear errors', () => {
    const ok = { hotkey: ALICE, uids: [1], values: [2], versionKey: 0n };
    expect(() => encodeWeightsPayload({ ...ok, hotkey: ALICE.subarray(1) })).toThrow(/32-byte/);
    expect(() => encodeWeightsPayload({ ...ok, values: [2, 3] })).toThrow(/1 uids but 2 values/);
    expect(() => encodeWeightsPayload({ ...ok, values: [65536] })).toThrow(/not a u16/);
    expect(() => encodeWeightsPayload({ ...ok, versionKey: 1n << 64n })).toThrow(/not a u64/);
    const golden = hexToBytes(GOLDEN_PLAINTEXT);
    expect(() => decodeWeightsPayload(golden.subarray(0, 54))).toThrow(/cut short/);
    expect(() => decodeWeightsPayload(new Uint8Array([...golden, 0]))).toThrow(/trailing/);
  });
});
