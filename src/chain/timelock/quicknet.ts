// The drand "quicknet" beacon that subtensor's timelocked weight commits are locked to (chain.md §1.4): its
// public constants, round ↔ time helpers, the round identity that ciphertexts are encrypted to, and a check of a
// round's signature. Pure; both realms.

import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha2';
import { hexToBytes } from '@noble/hashes/utils';
import { u64BE } from './bytes.ts';
import { TimelockError } from './errors.ts';

/** The drand chain hash, the path segment of `/{chain_hash}/public/{round}` on every drand HTTP endpoint. */
export const QUICKNET_CHAIN_HASH = '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971';

/** The beacon's public key, a compressed G2 point (96 bytes), as subtensor's `DefaultBeaconConfig` holds it. */
export const QUICKNET_PUBLIC_KEY_HEX =
  '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a';

/** Unix time (seconds) of round 1. */
export const QUICKNET_GENESIS_TIME = 1692803367;

/** Seconds between rounds. */
export const QUICKNET_PERIOD_SECONDS = 3;

/** RFC 9380 hash-to-G1 domain separation tag of `bls-unchained-g1-rfc9380` (tle's `QUICKNET_CTX`). */
export const QUICKNET_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

const { G1, G2 } = bls12_381;
export type G1Point = ReturnType<typeof G1.Point.fromBytes>;
export type G2Point = ReturnType<typeof G2.Point.fromBytes>;

let publicKey: G2Point | undefined;

/** The quicknet public key as a G2 point, decoded (and subgroup-checked) once. */
export function quicknetPublicKey(): G2Point {
  publicKey ??= G2.Point.fromBytes(hexToBytes(QUICKNET_PUBLIC_KEY_HEX));
  return publicKey;
}

/** Checks that `round` is a drand round number (1 … 2^64−1) and returns it as a bigint. */
export function checkRound(round: number | bigint): bigint {
  const ok = typeof round === 'bigint' || Number.isSafeInteger(round);
  const r = ok ? BigInt(round) : -1n;
  if (r < 1n || r >= 1n << 64n) {
    throw new TimelockError('invalid-input', `drand round must be an integer from 1 to 2^64−1, got ${String(round)}`);
  }
  return r;
}

/** Unix time (seconds) at which `round` is published: genesis + (round − 1)·period. */
export function roundTime(round: number): number {
  checkRound(round);
  return QUICKNET_GENESIS_TIME + (round - 1) * QUICKNET_PERIOD_SECONDS;
}

/** The latest round published at Unix time `unixSeconds`, or 0 before genesis (drand's own convention). */
export function roundAt(unixSeconds: number): number {
  if (!Number.isFinite(unixSeconds)) throw new TimelockError('invalid-input', `not a time: ${unixSeconds}`);
  if (unixSeconds < QUICKNET_GENESIS_TIME) return 0;
  return Math.floor((unixSeconds - QUICKNET_GENESIS_TIME) / QUICKNET_PERIOD_SECONDS) + 1;
}

/** The message a round's signature signs, and the IBE identity of that round: sha256(u64_be(round)). */
export function roundMessage(round: number | bigint): Uint8Array {
  return sha256(u64BE(checkRound(round)));
}

/**
 * The identity point Q_round = hash_to_G1(sha256(u64_be(round))). The message is hashed without any prefix:
 * tle pins w3f-bls 0.1.3, whose `Message::new(b"", m)` hashes the bare `m` (chain.md §2.8.1 step 2).
 */
export function roundPoint(round: number | bigint): G1Point {
  return G1.hashToCurve(roundMessage(round), { DST: QUICKNET_DST }) as unknown as G1Point;
}

/** Decodes a compressed G1 signature (48 bytes), or throws 'invalid-signature'. */
export function parseSignature(signature: Uint8Array | string): G1Point {
  try {
    const bytes = typeof signature === 'string' ? hexToBytes(signature.replace(/^0x/, '')) : signature;
    if (bytes.length !== 48) throw new Error(`expected 48 bytes, got ${bytes.length}`);
    return G1.Point.fromBytes(bytes);
  } catch (e) {
    throw new TimelockError(
      'invalid-signature',
      `not a drand quicknet signature (a compressed BLS12-381 G1 point): ${(e as Error).message}`,
    );
  }
}

/**
 * True when `signature` is quicknet's signature of `round`: e(S, G2) == e(Q_round, P_pub). Use it on a pulse
 * fetched from an HTTP relay before trusting it; `Drand.Pulses` on chain were verified by the pallet already.
 */
export function verifyRoundSignature(round: number | bigint, signature: Uint8Array | string): boolean {
  const s = parseSignature(signature);
  const lhs = bls12_381.pairing(s, G2.Point.BASE);
  const rhs = bls12_381.pairing(roundPoint(round), quicknetPublicKey());
  return bls12_381.fields.Fp12.eql(lhs, rhs);
}
