// The hashes of tle's Boneh–Franklin FullIdent IBE over BLS12-381 (tle/src/ibe/{fullident,utils}.rs @ 5416406c),
// shared by the encryptor and the decryptor. Pure; both realms.

import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToNumberBE } from '@noble/curves/utils';
import { concatBytes } from './bytes.ts';
import { type Fp12, gtToBytes } from './gt-bytes.ts';
import { TimelockError } from './errors.ts';

/** H2: the 32-byte mask that hides σ, sha256 of the arkworks bytes of the pairing value. */
export function h2(g: Fp12): Uint8Array {
  return sha256(gtToBytes(g));
}

/**
 * H3: the encryption scalar r = sha256(σ ‖ K) as a big-endian integer reduced mod the group order
 * (arkworks `from_be_bytes_mod_order`). Deriving r from σ and K is what lets the decryptor check U = r·G2.
 */
export function h3(sigma: Uint8Array, key: Uint8Array): bigint {
  const r = bytesToNumberBE(sha256(concatBytes(sigma, key))) % bls12_381.fields.Fr.ORDER;
  // Probability 2^-255; noble refuses to multiply by 0, and arkworks would give U = identity.
  if (r === 0n) throw new TimelockError('invalid-input', 'sha256(σ ‖ K) is 0 mod r: draw another σ');
  return r;
}

/** H4: sha256 truncated to 32 bytes (a no-op truncation here), the mask that hides K. */
export function h4(sigma: Uint8Array): Uint8Array {
  return sha256(sigma);
}
