// Counter-based random numbers for the bootstrap: every draw is a pure 32-bit hash of (seed, cell, resample, k), so
// the GPU kernel (shaders/bootstrap.wgsl, which mirrors these functions line by line) and the CPU reference draw
// the very same resamples, in any order and on any number of threads. The hashes are u32 operations (Math.imul and
// `>>> 0` here, u32 wrapping arithmetic in WGSL); the index is one float32 multiply, correctly rounded on both sides
// (Math.fround of an exact float64 product here). Pure; both realms.

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

/**
 * The k-th 32-bit draw of the resample with this key: the first two rounds of lowbias32 (xorshift, multiply,
 * xorshift, multiply) on the counter key + k·WEYL mod 2^32. lowbias32's last xorshift is left out: it only folds the
 * high half into the low one, and indexOf reads the top 24 bits, where it could move an index only at a bin's edge.
 * On SwiftShader every shift costs about ten times a multiply, and this is one of three.
 */
export function drawHash(key: number, k: number): number {
  let x = (key + Math.imul(k, WEYL)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return x >>> 0;
}

/**
 * Maps a 32-bit draw to an index in [0, n): floor(fround(h' · n / 2^32)), where h' is h with its low 8 bits cleared
 * (so it converts to float32 exactly) and fround is one correctly rounded float32 multiply. The GPU does just that:
 * a u32 → f32 conversion, a multiply by n · 2^-32, a floor, and a float-to-int by adding 2^23, no shifts. The
 * result is always < n (the largest h' · n / 2^32 is more than half an ulp below n), and it is the exact
 * floor(h' · n / 2^32) or one more when that product lies within half an ulp under the next integer: each index gets
 * 2^24 / n of the 2^24 draws give or take rounding, a relative bias of about n / 2^24 (6e-6 at n = 100, 0.4% at the
 * largest n, 65,536), small next to the bootstrap's own noise. In float64 here the product is exact (24 + 17 bits),
 * so Math.fround rounds it once, as the GPU does.
 */
export function indexOf(h: number, n: number): number {
  return scaledIndex(h, indexScale(n));
}

/** The multiplier of indexOf for a sample of n: n / 2^32 (exact in float64, and in float32 for n < 2^24). */
export function indexScale(n: number): number {
  return n / 4294967296;
}

/** indexOf with its scale (`indexScale(n)`) computed once by the caller, as the bootstrap's inner loop does. */
export function scaledIndex(h: number, scale: number): number {
  return Math.floor(Math.fround(((h & 0xffffff00) >>> 0) * scale));
}

/** Index of the k-th element of resample `resample` of `cell`, for a cell of n values. */
export function drawIndex(seed: number, cell: number, resample: number, k: number, n: number): number {
  return indexOf(drawHash(streamKey(seed, cell, resample), k), n);
}
