// CPython 3.12 `random.Random` (random.py on top of _randommodule.c), call for call, for seeded task generators.
// Both realms: pure code. Numbers stay on the fast path; BigInt only for huge seeds, ranges and getrandbits(k > 32).

import { MT19937 } from './mt19937';

/** A Python int as it reaches us: a safe-integer number or any bigint. */
export type PyInt = number | bigint;

const TWO32 = 4294967296;

/** Random(seed): a generator whose every draw matches CPython's for the same seed. `None` seeding is unsupported. */
export class PythonRandom {
  private readonly mt = new MT19937();

  constructor(seed: PyInt) {
    this.seed(seed);
  }

  /** `seed(a)` for an int: init_by_array over the 32-bit words of abs(a), least significant first. */
  seed(a: PyInt): void {
    this.mt.initByArray(seedKey(a));
  }

  /** `getrandbits(k)` for 0 <= k <= 32, as a number (the BigInt-free fast path). */
  getrandbits32(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 32) throw new RangeError(`getrandbits32 needs 0 <= k <= 32, got ${k}`);
    // CPython returns 0 for k = 0 without drawing; note that `>>> 32` would be `>>> 0` in JS.
    return k === 0 ? 0 : this.mt.genrandUint32() >>> (32 - k);
  }

  /** `getrandbits(k)` for any k >= 0: words filled least significant first, the last one cut to the bits left. */
  getrandbits(k: number): bigint {
    if (!Number.isInteger(k)) throw new TypeError(`getrandbits needs an integer bit count, got ${k}`);
    if (k < 0) throw new RangeError('number of bits must be non-negative');
    if (k <= 32) return BigInt(this.getrandbits32(k));
    const words = Math.ceil(k / 32);
    const hex: string[] = new Array<string>(words);
    for (let i = 0, left = k; i < words; i++, left -= 32) {
      let r = this.mt.genrandUint32();
      if (left < 32) r >>>= 32 - left;
      hex[words - 1 - i] = r.toString(16).padStart(8, '0');
    }
    return BigInt('0x' + hex.join(''));
  }

  /** `random()`: a double in [0, 1) with 53 random bits, from two draws (27 + 26 bits). */
  random(): number {
    const a = this.mt.genrandUint32() >>> 5;
    const b = this.mt.genrandUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * `_randbelow(n)`: uniform in [0, n) by rejection on getrandbits(n.bit_length()). Note k is the bit length of n,
   * not of n - 1, so n = 1 still draws (one bit, until it is 0) and n = 2^j wastes half its draws, as CPython does.
   */
  randbelow(n: number): number;
  randbelow(n: bigint): bigint;
  randbelow(n: PyInt): PyInt;
  randbelow(n: PyInt): PyInt {
    if (typeof n === 'bigint') {
      if (n < 1n) throw new RangeError(`randbelow needs n >= 1, got ${n}`);
      if (n < 0x20000000000000n) return BigInt(this.randbelowNumber(Number(n)));
      const k = n.toString(2).length;
      let r = this.getrandbits(k);
      while (r >= n) r = this.getrandbits(k);
      return r;
    }
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`randbelow needs a safe integer n >= 1, got ${n}`);
    return this.randbelowNumber(n);
  }

  /** `_randbelow(n)` for a bigint n >= 1, always returning a bigint (same stream as `randbelow`). */
  randbelowBig(n: bigint): bigint {
    return this.randbelow(n);
  }

  /** `choice(seq)` = seq[_randbelow(len(seq))]. */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) throw new RangeError('Cannot choose from an empty sequence');
    return seq[this.randbelowNumber(seq.length)];
  }

  /** `randrange(stop)` or `randrange(start, stop[, step])`, with CPython 3.12's checks and error messages. */
  randrange(stop: number): number;
  randrange(stop: bigint): bigint;
  randrange(start: number, stop: number, step?: number): number;
  randrange(start: bigint, stop: bigint, step?: bigint): bigint;
  randrange(start: PyInt, stop?: PyInt, step?: PyInt): PyInt;
  randrange(start: PyInt, stop?: PyInt, step?: PyInt): PyInt {
    if (typeof start === 'number' && typeof stop === 'number' && (step === undefined || step === 1)) {
      // Fast path (randint's usual case): safe numbers and a safe positive width never touch BigInt.
      const width = stop - start;
      if (Number.isSafeInteger(start) && Number.isSafeInteger(stop) && Number.isSafeInteger(width) && width > 0) {
        return start + this.randbelowNumber(width);
      }
    }
    const big = typeof start === 'bigint' || typeof stop === 'bigint' || typeof step === 'bigint';
    const out = (v: bigint): PyInt => (big ? v : Number(v));
    const istart = toBig(start);
    if (stop === undefined) {
      if (step !== undefined) throw new TypeError('Missing a non-None stop argument');
      if (istart > 0n) return big ? this.randbelow(istart) : this.randbelowNumber(start as number);
      throw new RangeError('empty range for randrange()');
    }
    const istop = toBig(stop);
    const width = istop - istart;
    const istep = step === undefined ? 1n : toBig(step);
    if (istep === 1n) {
      if (width > 0n) return out(istart + this.randbelow(width));
      throw new RangeError(`empty range in randrange(${start}, ${stop})`);
    }
    let n: bigint;
    if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
    else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
    else throw new RangeError('zero step for randrange()');
    if (n <= 0n) throw new RangeError(`empty range in randrange(${start}, ${stop}, ${step})`);
    return out(istart + istep * this.randbelow(n));
  }

  /** `randint(a, b)` = randrange(a, b + 1): both ends included. */
  randint(a: number, b: number): number;
  randint(a: bigint, b: bigint): bigint;
  randint(a: PyInt, b: PyInt): PyInt;
  randint(a: PyInt, b: PyInt): PyInt {
    if (typeof a === 'bigint' || typeof b === 'bigint') return this.randrange(a, BigInt(b) + 1n);
    // b + 1 leaves the safe range when b = 2^53 - 1: go through BigInt and come back, the result is <= b.
    if (b === Number.MAX_SAFE_INTEGER) return Number(this.randrange(BigInt(a), BigInt(b) + 1n));
    return this.randrange(a, b + 1);
  }

  /** `shuffle(x)` in place: for i from len-1 down to 1, swap x[i] with x[_randbelow(i + 1)]. */
  shuffle<T>(x: T[]): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelowNumber(i + 1);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  /** `sample(population, k)`: k distinct items in selection order (pool or set algorithm, as CPython picks). */
  sample<T>(population: ArrayLike<T>, k: number): T[] {
    const idx = this.sampleRange(population.length, k);
    const out = new Array<T>(k);
    for (let i = 0; i < k; i++) out[i] = population[idx[i]];
    return out;
  }

  /**
   * `sample(range(n), k)` without materialising the range. Selecting indices and mapping them afterwards gives the
   * same items as CPython's algorithms applied to the population itself, so `sample` is built on this.
   */
  sampleRange(n: number, k: number): number[] {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`population size must be a safe integer, got ${n}`);
    if (!Number.isInteger(k)) throw new TypeError(`sample size must be an integer, got ${k}`);
    if (k < 0 || k > n) throw new RangeError('Sample larger than population or is negative');
    const result = new Array<number>(k);
    if (n <= sampleSetsize(k)) {
      // Pool: an n-length list is smaller than a k-length set. Non-selected items live at pool[0 : n-i].
      const pool = new Array<number>(n);
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < k; i++) {
        const j = this.randbelowNumber(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      // Set: redraw from the whole range until an unselected index comes up.
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelowNumber(n);
        while (selected.has(j)) j = this.randbelowNumber(n);
        selected.add(j);
        result[i] = j;
      }
    }
    return result;
  }

  /** `uniform(a, b)` = a + (b - a) * random(). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** _randbelow for a safe integer n >= 1 without BigInt: one word up to 2^32, two words up to 2^53. */
  private randbelowNumber(n: number): number {
    const mt = this.mt;
    if (n <= 0xffffffff) {
      const shift = Math.clz32(n); // = 32 - bit_length(n), so each draw keeps bit_length(n) bits
      let r = mt.genrandUint32() >>> shift;
      while (r >= n) r = mt.genrandUint32() >>> shift;
      return r;
    }
    // getrandbits(k), 33 <= k <= 53: low word whole, high word cut to k - 32 bits (right shift by 64 - k).
    const shift = Math.clz32(Math.floor(n / TWO32));
    let r: number;
    do {
      const lo = mt.genrandUint32();
      r = (mt.genrandUint32() >>> shift) * TWO32 + lo;
    } while (r >= n);
    return r;
  }
}

/** The init_by_array key for an int seed: 32-bit words of abs(a), least significant first, at least one word. */
export function seedKey(a: PyInt): Uint32Array {
  if (typeof a === 'number') {
    if (!Number.isSafeInteger(a)) {
      throw new RangeError(`seed must be a safe integer number or a bigint, got ${a}; pass larger seeds as bigint`);
    }
    const v = Math.abs(a);
    const hi = Math.floor(v / TWO32);
    return hi === 0 ? Uint32Array.of(v) : Uint32Array.of(v % TWO32, hi);
  }
  let v = a < 0n ? -a : a;
  const words: number[] = [];
  do {
    words.push(Number(v & 0xffffffffn));
    v >>= 32n;
  } while (v > 0n);
  return Uint32Array.from(words);
}

/** 21 + 4^ceil(log4(3k)) for k > 5, as in random.sample. */
function sampleSetsize(k: number): number {
  if (k <= 5) return 21;
  // CPython computes ceil(log(3k, 4)) in doubles; 3k is never a power of 4, so the smallest power of 4 above 3k is
  // the same number (the two could only part for k near 2^50, far beyond any array).
  let p = 4;
  while (p < 3 * k) p *= 4;
  return 21 + p;
}

function toBig(v: PyInt): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw new TypeError(`expected an integer (safe number or bigint), got ${v}`);
  return BigInt(v);
}

/** Python's `//` on ints: rounds toward negative infinity, where BigInt division truncates. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
