// Generation A's Uniswap-v3-style pool (chain.md §3.5 b), step by step as `pallets/swap` (d383748d) computes it in
// U64F64: fee off the input, target sqrt price, cut at the limit sqrt price with the fee recomputed, output from
// `convert_deltas`. Only the protocol's full-range position is modelled (one range, constant L); with user
// positions (ticks inside the range) the runtime's own simulation is the answer.
// Both realms, pure.
import { RAO_PER_TAO, SWAP_MINIMUM_RESERVE } from './constants.ts';
import { limitedSwapFee, swapFee } from './fees.ts';
import { ONE, add, div, fromFloat, fx, isqrt, mul, sqrtBisect, sub, toU64, U64_MAX } from './fixed.ts';
import { fail, type SwapOptions, type SwapOutcome, type V3Pool } from './pool-types.ts';

/**
 * `TickIndex::min_sqrt_price()` / `max_sqrt_price()`: the source's float literals (the latter written
 * 4294886577.20989222513899790805 there), as f64 values, which is what `saturating_from_num` receives.
 */
export const MIN_SQRT_PRICE = fromFloat(0.0000000002328350195);
export const MAX_SQRT_PRICE = fromFloat(4294886577.2098923);
/** Epsilons of the two `checked_sqrt` calls: limit prices (1e-10) and pool initialisation (1e-12). */
const EPS_LIMIT = fromFloat(0.0000000001);
const EPS_INIT = fromFloat(0.000000000001);
const BILLION = fx(RAO_PER_TAO);

/** `min_price_inner` / `max_price_inner`: the default limits of simulations, rao per alpha. */
export const V3_MIN_PRICE = toU64(mul(mul(MIN_SQRT_PRICE, MIN_SQRT_PRICE), BILLION));
// saturating_round before the conversion; the value saturates u64 either way.
export const V3_MAX_PRICE = toU64(add(mul(mul(MAX_SQRT_PRICE, MAX_SQRT_PRICE), BILLION), ONE >> 1n));

/** Sqrt price and liquidity the pool has, or gets on its first swap (`maybe_initialize_v3`). */
export function v3State(pool: V3Pool): { sqrtPrice: bigint; liquidity: bigint } {
  if (pool.initialized) return { sqrtPrice: pool.sqrtPrice, liquidity: pool.liquidity };
  const price = div(fx(pool.tao), fx(pool.alpha));
  const liquidity = isqrt(pool.tao * pool.alpha);
  return { sqrtPrice: sqrtBisect(price, EPS_INIT), liquidity: liquidity > U64_MAX ? U64_MAX : liquidity };
}

/** `current_price × 10⁹` as `SwapRuntimeApi.current_alpha_price` returns it (U64F64 → U96F32 → u64). */
export function v3SpotPrice(pool: V3Pool): bigint {
  if (!pool.initialized) {
    if (pool.alpha === 0n) return 0n;
    const p32 = (pool.tao << 32n) / pool.alpha; // U96F32 division
    return (p32 * RAO_PER_TAO) >> 32n;
  }
  return sqrtToRao(pool.sqrtPrice);
}

const sqrtToRao = (sqrt: bigint) => ((mul(sqrt, sqrt) >> 32n) * RAO_PER_TAO) >> 32n;

/** `SwapEngine::swap`'s conversion of a rao limit to a sqrt price. */
export const limitSqrtPrice = (limitRao: bigint): bigint => sqrtBisect(div(fx(limitRao), BILLION), EPS_LIMIT);

/** TAO → alpha. */
export function v3Buy(pool: V3Pool, amount: bigint, options: SwapOptions = {}): SwapOutcome {
  return v3Swap(pool, amount, options, true);
}

/** Alpha → TAO. */
export function v3Sell(pool: V3Pool, amount: bigint, options: SwapOptions = {}): SwapOutcome {
  return v3Swap(pool, amount, options, false);
}

function v3Swap(pool: V3Pool, amount: bigint, options: SwapOptions, buy: boolean): SwapOutcome {
  const reserveOut = buy ? pool.alpha : pool.tao;
  if (reserveOut < SWAP_MINIMUM_RESERVE)
    return fail('ReservesTooLow', `The pool holds less than the minimum reserve of ${buy ? 'alpha' : 'TAO'}.`);
  const { sqrtPrice: s, liquidity } = v3State(pool);
  const limit = limitSqrtPrice(options.limitPrice ?? (buy ? V3_MAX_PRICE : V3_MIN_PRICE));
  if (buy ? !(s < limit) : !(s > limit))
    return fail('PriceLimitExceeded', 'The price is already beyond the limit price.');
  if (amount === 0n) return { ok: true, fill: zeroFill(sqrtToRao(s)) };

  const L = fx(liquidity);
  let fee = options.dropFees ? 0n : swapFee(amount, pool.feeRate);
  const possible = amount - fee;
  // No liquidity sends the price to the range's end, as the chain does.
  const target = buy
    ? liquidity === 0n
      ? fx(V3_MAX_PRICE)
      : add(div(fx(possible), L), s)
    : liquidity === 0n
      ? fx(V3_MIN_PRICE)
      : div(ONE, add(div(fx(possible), L), div(ONE, s)));
  const edge = buy ? MAX_SQRT_PRICE : MIN_SQRT_PRICE;
  const closer = buy ? (a: bigint, b: bigint) => a <= b : (a: bigint, b: bigint) => a >= b;

  let netIn: bigint;
  let final: bigint;
  let limited = false;
  if (closer(target, limit) && closer(target, edge)) {
    netIn = possible;
    final = target;
  } else if (closer(limit, target) && closer(limit, edge)) {
    final = limit;
    netIn = buy ? toU64(mul(L, sub(limit, s))) : toU64(mul(L, sub(div(ONE, limit), div(ONE, s))));
    fee = options.dropFees ? 0n : limitedSwapFee(netIn, pool.feeRate);
    limited = true;
  } else {
    // Past the range's edge the protocol position ends, liquidity drops to 0 and the next step exchanges nothing:
    // the swap stops at the edge.
    final = edge;
    netIn = buy ? toU64(mul(L, sub(edge, s))) : toU64(mul(L, sub(div(ONE, edge), div(ONE, s))));
    fee = options.dropFees ? 0n : limitedSwapFee(netIn, pool.feeRate);
    limited = true;
  }

  const out = netIn === 0n ? 0n : buy ? buyOut(L, s, netIn) : sellOut(L, s, netIn);
  if (netIn > 0n && out === 0n) return fail('ReservesTooLow', 'The order is too small to pay out anything.');
  if (options.execute && out > reserveOut)
    return fail('InsufficientLiquidity', 'The pool cannot pay out that much: the order is too large.');
  return { ok: true, fill: { paidIn: netIn, fee, taken: netIn + fee, out, priceAfter: sqrtToRao(final), limited } };
}

/** `convert_deltas` for TAO in: Δx = Δy · L / ((L·s + Δy) · s), in the chain's order of operations. */
function buyOut(L: bigint, s: bigint, netIn: bigint): bigint {
  const d = fx(netIn);
  const a = mul(add(mul(L, s), d), s);
  return toU64(mul(div(L, a), d));
}

/** `convert_deltas` for alpha in: Δy = Δx · (L / (L/s + Δx)) · s. */
function sellOut(L: bigint, s: bigint, netIn: bigint): bigint {
  const d = fx(netIn);
  const a = div(L, add(div(L, s), d));
  return toU64(mul(d, mul(a, s)));
}

const zeroFill = (price: bigint) => ({ paidIn: 0n, fee: 0n, taken: 0n, out: 0n, priceAfter: price, limited: false });
