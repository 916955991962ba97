// The MT19937 core of CPython's `random.Random` (Modules/_randommodule.c), bit for bit. Both realms: pure code.
// Kept free of BigInt so the per-draw path stays on small integers; python-random.ts builds the Python API on it.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Mersenne Twister state with CPython's seeding routines. All arithmetic is mod 2^32. */
export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** `init_genrand(s)`: the reference seeding from one 32-bit word. */
  initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      const x = mt[i - 1];
      // Math.imul keeps the product exact mod 2^32; the Uint32Array store wraps the sum.
      mt[i] = Math.imul(1812433253, x ^ (x >>> 30)) + i;
    }
    this.index = N;
  }

  /** `init_by_array(key)`: how CPython seeds from an int (key = its 32-bit words, least significant first). */
  initByArray(key: ArrayLike<number>): void {
    const mt = this.mt;
    const len = key.length;
    if (len === 0) throw new RangeError('init_by_array needs at least one key word');
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const x = mt[i - 1];
      // Values stay below 2^34, exact in doubles; the typed-array store reduces them mod 2^32.
      mt[i] = ((mt[i] ^ Math.imul(x ^ (x >>> 30), 1664525)) >>> 0) + (key[j] >>> 0) + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const x = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(x ^ (x >>> 30), 1566083941)) >>> 0) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = UPPER_MASK; // MSB is 1, assuring a non-zero initial array
  }

  /** `genrand_uint32()`: the next tempered 32-bit output, as an unsigned number. */
  genrandUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Regenerates all N words at once, as genrand_uint32 does when the state is used up. */
  private twist(): void {
    const mt = this.mt;
    if (this.index === N + 1) this.initGenrand(5489); // never seeded: C's default, unreachable from PythonRandom
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }
}
