// mulberry32: a tiny seedable generator for test inputs, shared by Node tests and the kernel test page. Pure.

/** Uniform floats in [0, 1) from a 32-bit seed; good enough for test inputs, not for anything statistical. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
