// Serialization of a pairing result (an element of GT ⊂ Fq12) exactly as arkworks 0.4 `serialize_compressed`
// writes it, since the IBE hashes these bytes (chain.md §2.8.3). Pure; both realms.

import type { bls12_381 } from '@noble/curves/bls12-381';

/** noble's Fp12: { c0, c1 } of Fp6 { c0, c1, c2 } of Fp2 { c0, c1 } bigints. */
export type Fp12 = ReturnType<typeof bls12_381.pairing>;

/** Bytes of one base-field element. */
const FQ_BYTES = 48;

/** Bytes of a serialized GT element: 12 base-field elements. */
export const GT_BYTES = 12 * FQ_BYTES;

/**
 * arkworks' Fq12 bytes: quadratic and cubic extensions write their coefficients lowest first (c0 before c1,
 * c0 c1 c2), and each Fq is its canonical integer in 48 little-endian bytes. Compressed and uncompressed forms
 * are the same for field elements (no flags are set). This is the byte-reverse of tlock-js `fp12ToBytes`.
 */
export function gtToBytes(g: Fp12): Uint8Array {
  const out = new Uint8Array(GT_BYTES);
  let at = 0;
  for (const fp6 of [g.c0, g.c1]) {
    for (const fp2 of [fp6.c0, fp6.c1, fp6.c2]) {
      for (const fq of [fp2.c0, fp2.c1]) {
        let x = fq;
        for (let i = 0; i < FQ_BYTES; i++) {
          out[at + i] = Number(x & 0xffn);
          x >>= 8n;
        }
        if (x !== 0n) throw new Error('gtToBytes: field element wider than 48 bytes (not reduced)');
        at += FQ_BYTES;
      }
    }
  }
  return out;
}
