// Timelock encryption to a drand quicknet round, byte-compatible with tle's `tle::<TinyBLS381, AESGCM…>` at the
// revision subtensor pins, i.e. the `commit` of `commit_timelocked_weights` (chain.md §2.8.1). Pure; both realms.

import { bls12_381 } from '@noble/curves/bls12-381';
import { randomBytes, xorBytes } from './bytes.ts';
import { aesGcmSeal } from './aes-gcm.ts';
import { NONCE_BYTES, serializeCiphertext } from './ciphertext.ts';
import { TimelockError } from './errors.ts';
import { h2, h3, h4 } from './ibe.ts';
import { type G2Point, quicknetPublicKey, roundPoint } from './quicknet.ts';

/** The three random inputs of one encryption. Inject them only in tests: reusing any of them leaks plaintext. */
export interface TimelockRandomness {
  /** K, the AES-256 key (32 bytes); bittensor-drand calls it `esk`. */
  key?: Uint8Array;
  /** σ, the IBE's random message (32 bytes); tle derives it as sha256 of a random scalar, any 32 bytes will do. */
  sigma?: Uint8Array;
  /** The AES-GCM nonce (12 bytes). */
  nonce?: Uint8Array;
}

export interface EncryptOptions extends TimelockRandomness {
  /** The beacon's G2 public key; quicknet's by default. */
  publicKey?: G2Point;
}

function pick(given: Uint8Array | undefined, n: number, name: string): Uint8Array {
  if (given === undefined) return randomBytes(n);
  if (given.length !== n) throw new TimelockError('invalid-input', `${name} must be ${n} bytes, got ${given.length}`);
  return given;
}

/**
 * Encrypts `plaintext` so that it opens only with quicknet's signature of `round`. Returns the serialized
 * TLECiphertext (plaintext length + 244 bytes), ready to pass as `commit` with `reveal_round = round`.
 */
export async function encryptForRound(
  plaintext: Uint8Array,
  round: number | bigint,
  options: EncryptOptions = {},
): Promise<Uint8Array> {
  const key = pick(options.key, 32, 'K (the AES key)');
  const sigma = pick(options.sigma, 32, 'σ (sigma)');
  const nonce = pick(options.nonce, NONCE_BYTES, 'the nonce');
  const pPub = options.publicKey ?? quicknetPublicKey();

  const q = roundPoint(round);
  const r = h3(sigma, key);
  const u = bls12_381.G2.Point.BASE.multiply(r);
  // e(Q, r·P_pub) = e(Q, P_pub)^r, which the signature holder recomputes as e(S, U) = e(s·Q, r·G2).
  const g = bls12_381.pairing(q, pPub.multiply(r));
  const v = xorBytes(sigma, h2(g));
  const w = xorBytes(key, h4(sigma));
  const sealed = await aesGcmSeal(key, nonce, plaintext);
  return serializeCiphertext({ u: u.toBytes(true), v, w, sealed, nonce });
}
