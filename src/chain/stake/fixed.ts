// The chain's fixed-point arithmetic in bigint: substrate_fixed's U64F64 (the swap pallet's sqrt prices, prices and
// fee rates) with its saturating and truncating semantics, subtensor's bisection square root, and a high-precision
// `pow_ratio_scaled` for the weighted pool. Both realms, pure.

export const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
/** 1.0 as U64F64 bits. */
export const ONE = 1n << 64n;

const sat = (bits: bigint) => (bits > U128_MAX ? U128_MAX : bits < 0n ? 0n : bits);

/** `U64F64::saturating_from_num(n)` for an integer n ≥ 0. */
export const fx = (n: bigint): bigint => sat(n << 64n);
/** `a.saturating_mul(b)`: the fixed crate discards the extra fractional bits (rounds toward −∞). */
export const mul = (a: bigint, b: bigint): bigint => sat((a * b) >> 64n);
/** `a.safe_div(b)`: 0 when b is 0, as subtensor's SafeDiv does; truncating. */
export const div = (a: bigint, b: bigint): bigint => (b === 0n ? 0n : sat((a << 64n) / b));
export const add = (a: bigint, b: bigint): bigint => sat(a + b);
export const sub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
/** `saturating_to_num::<u64>()`: floor, capped at u64::MAX. */
export const toU64 = (a: bigint): bigint => {
  const n = a >> 64n;
  return n > U64_MAX ? U64_MAX : n;
};
/** `U64F64::saturating_from_num(f)` for a float literal of the source: the nearest representable value. */
export const fromFloat = (f: number): bigint => BigInt(Math.round(f * 2 ** 64));

/**
 * `checked_sqrt(epsilon)` of subtensor's safe_math: bisection until |x/m − m| ≤ ε, at most 129 rounds. Replicated
 * step by step because its answer differs from the exact root by up to ε, which moves limit amounts by whole rao.
 */
export function sqrtBisect(x: bigint, epsilon: bigint): bigint {
  let [high, low] = x > ONE ? [x, 0n] : [ONE, x];
  let middle = add(high, low) >> 1n; // safe_div(two) is an exact halving, truncated
  let check = div(x, middle);
  for (let i = 0; (check > middle ? check - middle : middle - check) > epsilon;) {
    if (check < middle) high = middle;
    else low = middle;
    middle = add(high, low) >> 1n;
    check = div(x, middle);
    if (++i > 128) break;
  }
  return middle;
}

/** Integer square root (floor), as `sp_arithmetic::helpers_128bit::sqrt`. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

// Binary fixed point with P fractional bits for ln/exp. The chain's SafeInt works with 256–1024 bits; 320 here keeps
// the floor of results below 2^64 × 10^18 right unless the true value lies within ~2^-200 of an integer.
const P = 320n;
const UNIT = 1n << P;

function atanhSeries(z: bigint): bigint {
  // atanh(z) = z + z³/3 + z⁵/5 + …, z in [0, 1/3]
  const z2 = (z * z) >> P;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) >> P;
  }
  return sum;
}
const LN2 = 2n * atanhSeries(UNIT / 3n);

/** ln(num/den) in P-bit fixed point; num, den > 0. */
function lnRatio(num: bigint, den: bigint): bigint {
  // num/den = m · 2^k with m in [1, 2)
  let k = BigInt(num.toString(2).length - den.toString(2).length);
  let m = k >= 0n ? (num << P) / (den << k) : ((num << -k) << P) / den;
  if (m < UNIT) {
    m <<= 1n;
    k -= 1n;
  }
  return k * LN2 + 2n * atanhSeries(((m - UNIT) << P) / (m + UNIT));
}

/** exp(t) in P-bit fixed point. */
function exp(t: bigint): bigint {
  let k = t / LN2;
  let f = t - k * LN2;
  if (f < 0n) {
    f += LN2;
    k -= 1n;
  }
  let term = UNIT;
  let sum = 0n;
  for (let i = 1n; term !== 0n; i++) {
    sum += term;
    term = (term * f) / (UNIT * i);
  }
  return k >= 0n ? sum << k : sum >> -k;
}

/**
 * `SafeInt::pow_ratio_scaled(num, den, eNum, eDen, _, scale)`: ⌊(num/den)^(eNum/eDen) · scale⌋, the balancer pool's
 * power (chain.md §3.5 c). Null for a zero base or denominator, as the chain's None.
 */
export function powRatioScaled(num: bigint, den: bigint, eNum: bigint, eDen: bigint, scale: bigint): bigint | null {
  if (den <= 0n || eDen <= 0n || num < 0n) return null;
  if (num === 0n) return eNum === 0n ? scale : 0n;
  if (eNum === 0n) return scale;
  const scaled = exp((lnRatio(num, den) * eNum) / eDen) * scale;
  const floor = scaled >> P;
  // An exact result (e.g. (1/4)^(1/2) = 0.5) comes out a hair below the integer; do not floor it away.
  return ((floor + 1n) << P) - scaled < 1n << (P - 100n) ? floor + 1n : floor;
}
