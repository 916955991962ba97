// Counter-based random numbers for the bootstrap: every draw is a pure 32-bit hash of (seed, cell, resample, k), so
// the GPU kernel (shaders/bootstrap.wgsl, which mirrors these functions line by line) and the CPU reference draw
// the very same resamples, in any order and on any number of threads. Only u32 operations: Math.imul and `>>> 0`
// here, u32 wrapping arithmetic in WGSL. Pure; both realms.

/** The Weyl increment (2^32 / golden ratio) that spaces the counters of one resample's draws. */
export const WEYL = 0x9e3779b9;

/**
 * Chris Wellons' "lowbias32" integer hash (https://nullprogram.com/blog/2018/07/31/): a bijection on u32 with
 * very low avalanche bias, two multiplies and three xor-shifts.
 */
export function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The key of one resample: hashes of seed, then cell, then resample index, chained. */
export function streamKey(seed: number, cell: number, resample: number): number {
  return lowbias32(lowbias32(lowbias32(seed >>> 0) ^ cell) ^ resample);
}

/** The k-th 32-bit draw of the resample with this key: lowbias32(key + k·WEYL mod 2^32). */
export function drawHash(key: number, k: number): number {
  return lowbias32((key + Math.imul(k, WEYL)) >>> 0);
}

/**
 * Maps a 32-bit draw to an index in [0, n) as floor(h · n / 2^32) (Lemire's multiply-shift, no division). Some
 * indices get one preimage more than others: a relative bias below n / 2^32 (1.5e-5 at the largest n, 65,536),
 * negligible next to the bootstrap's own noise. Exact in float64 here (h · n < 2^53); the WGSL computes the same
 * high word from 16-bit halves.
 */
export function indexOf(h: number, n: number): number {
  return Math.floor((h * n) / 4294967296);
}

/** Index of the k-th element of resample `resample` of `cell`, for a cell of n values. */
export function drawIndex(seed: number, cell: number, resample: number, k: number, n: number): number {
  return indexOf(drawHash(streamKey(seed, cell, resample), k), n);
}
