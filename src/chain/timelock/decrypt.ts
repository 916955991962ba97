// Timelock decryption with a drand round's signature, as subtensor's reveal does it (tle `tld`): recover σ and K
// from the IBE header, check U = r·G2, then open the AES-GCM body. Every failure is a TimelockError with a code,
// never a garbage plaintext. Pure; both realms.

import { bls12_381 } from '@noble/curves/bls12-381';
import { xorBytes } from './bytes.ts';
import { aesGcmOpen } from './aes-gcm.ts';
import { parseCiphertext } from './ciphertext.ts';
import { TimelockError } from './errors.ts';
import { h2, h3, h4 } from './ibe.ts';
import { type G2Point, parseSignature } from './quicknet.ts';

function parseU(u: Uint8Array): G2Point {
  try {
    return bls12_381.G2.Point.fromBytes(u);
  } catch (e) {
    throw new TimelockError(
      'malformed-ciphertext',
      `not a timelock ciphertext: U is not a compressed G2 point (${(e as Error).message})`,
    );
  }
}

/**
 * Decrypts a serialized TLECiphertext with the round's G1 signature (48 bytes compressed, or its hex, as in
 * `Drand.Pulses[round].signature` or drand's HTTP API). Throws 'malformed-ciphertext', 'invalid-signature',
 * 'wrong-signature' (another round's signature, or an altered header) or 'decryption-failed' (altered body).
 */
export async function decryptWithSignature(
  ciphertext: Uint8Array,
  signature: Uint8Array | string,
): Promise<Uint8Array> {
  const ct = parseCiphertext(ciphertext);
  const s = parseSignature(signature);
  const u = parseU(ct.u);

  const sigma = xorBytes(ct.v, h2(bls12_381.pairing(s, u)));
  const key = xorBytes(ct.w, h4(sigma));
  // The FullIdent check: with the wrong signature σ and K come out as noise and r·G2 misses U. It also catches
  // an altered V or W, which AES-GCM alone would report less precisely.
  let r: bigint;
  try {
    r = h3(sigma, key);
  } catch {
    r = 0n;
  }
  if (r === 0n || !bls12_381.G2.Point.BASE.multiply(r).equals(u)) {
    throw new TimelockError(
      'wrong-signature',
      "timelock decryption failed: the signature is not the drand signature of this commit's reveal round, " +
        'or the ciphertext header was altered',
    );
  }
  return aesGcmOpen(key, ct.nonce, ct.sealed);
}
