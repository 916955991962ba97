// Generation B's weighted ("balancer"/PalSwap) pool (chain.md §3.5 c), as `pallets/swap` (14bc6f9f) computes it:
// U64F64 prices, powers through `pow_ratio_scaled` scaled by 10¹⁸, one swap step cut at the limit price.
// The TAO weight w2 is `quoteWeight / 10¹⁸`, the alpha weight w1 = 1 − w2. Both realms, pure.
import { MAX_SWAP_INPUT_RESERVE_MULTIPLIER, PERQUINTILL, RAO_PER_TAO, SWAP_MINIMUM_RESERVE } from './constants.ts';
import { limitedSwapFee, swapFee } from './fees.ts';
import { ONE, div, fx, mul, powRatioScaled, sub, toU64, U64_MAX } from './fixed.ts';
import { fail, type BalancerPool, type SwapOptions, type SwapOutcome } from './pool-types.ts';

const BILLION = fx(RAO_PER_TAO);
const weights = (pool: BalancerPool) => ({ w1: PERQUINTILL - pool.quoteWeight, w2: pool.quoteWeight });

/** `calculate_price(x, y)` = (w1/w2) · (y/x), U64F64. Not y/x: the reserve ratio is the price only when w1 = w2. */
export function balancerPriceFixed(pool: BalancerPool, x: bigint, y: bigint): bigint {
  const { w1, w2 } = weights(pool);
  return mul(div(fx(w1), fx(w2)), div(fx(y), fx(x)));
}

/** Spot price in rao per alpha (0 for an empty alpha reserve, as `current_price`). */
export function balancerSpotPrice(pool: BalancerPool): bigint {
  if (pool.alpha === 0n) return 0n;
  return toU64(mul(balancerPriceFixed(pool, pool.alpha, pool.tao), BILLION));
}

/** `exp_scaled`: (r / (r + Δ))^(a/b) as U64F64, capped at 1. */
function expScaled(reserve: bigint, delta: bigint, a: bigint, b: bigint): bigint {
  const total = reserve + delta;
  if (total === 0n) return 0n;
  const scaled = powRatioScaled(reserve, total, a, b, PERQUINTILL);
  if (scaled === null || scaled > U64_MAX) return 0n;
  const r = div(fx(scaled), fx(PERQUINTILL));
  return r > ONE ? ONE : r;
}

/** Output for a net input: buy Δx = x·(1 − (y/(y+Δy))^(w2/w1)); sell Δy = y·(1 − (x/(x+Δx))^(w1/w2)). */
export function balancerConvert(pool: BalancerPool, netIn: bigint, buy: boolean): bigint {
  const { w1, w2 } = weights(pool);
  const e = buy ? expScaled(pool.tao, netIn, w2, w1) : expScaled(pool.alpha, netIn, w1, w2);
  return toU64(mul(fx(buy ? pool.alpha : pool.tao), sub(ONE, e)));
}

/**
 * Net input that moves the price from `current` to `target` (U64F64): buy Δy = y·((p'/p)^w1 − 1), sell
 * Δx = x·((p/p')^w2 − 1).
 */
function deltaInToPrice(pool: BalancerPool, current: bigint, target: bigint, buy: boolean): bigint {
  const { w1, w2 } = weights(pool);
  const scaled = buy
    ? powRatioScaled(target, current, w1, PERQUINTILL, PERQUINTILL)
    : powRatioScaled(current, target, w2, PERQUINTILL, PERQUINTILL);
  if (scaled === null) return 0n;
  const capped = scaled > U64_MAX ? U64_MAX : scaled;
  return toU64(mul(fx(buy ? pool.tao : pool.alpha), sub(div(fx(capped), fx(PERQUINTILL)), ONE)));
}

export const balancerBuy = (pool: BalancerPool, amount: bigint, options: SwapOptions = {}) =>
  balancerSwap(pool, amount, options, true);
export const balancerSell = (pool: BalancerPool, amount: bigint, options: SwapOptions = {}) =>
  balancerSwap(pool, amount, options, false);

function balancerSwap(pool: BalancerPool, amount: bigint, options: SwapOptions, buy: boolean): SwapOutcome {
  let fee = options.dropFees ? 0n : swapFee(amount, pool.feeRate);
  const requested = amount - fee;
  const reserveIn = buy ? pool.tao : pool.alpha;
  if (requested > reserveIn * MAX_SWAP_INPUT_RESERVE_MULTIPLIER)
    return fail('SwapInputTooLarge', 'The order is more than 1000 times the pool reserve.');
  if ((buy ? pool.alpha : pool.tao) < SWAP_MINIMUM_RESERVE)
    return fail('ReservesTooLow', `The pool holds less than the minimum reserve of ${buy ? 'alpha' : 'TAO'}.`);
  const current = pool.alpha === 0n ? 0n : balancerPriceFixed(pool, pool.alpha, pool.tao);
  // The chain's defaults: u64::MAX rao for buys, 0 for sells.
  const limit = div(fx(options.limitPrice ?? (buy ? U64_MAX : 0n)), BILLION);
  if (buy ? !(current < limit) : !(current > limit))
    return fail('PriceLimitExceeded', 'The price is already beyond the limit price.');

  const after = (netIn: bigint) => {
    const out = balancerConvert(pool, netIn, buy);
    return buy
      ? { out, price: balancerPriceFixed(pool, sub(pool.alpha, out), pool.tao + netIn) }
      : { out, price: balancerPriceFixed(pool, pool.alpha + netIn, sub(pool.tao, out)) };
  };
  let netIn = requested;
  let { out, price } = after(requested);
  let limited = false;
  if (buy ? price > limit : price < limit) {
    netIn = deltaInToPrice(pool, current, limit, buy);
    fee = options.dropFees ? 0n : limitedSwapFee(netIn, pool.feeRate);
    ({ out, price } = after(netIn));
    limited = true;
  }
  if (netIn > 0n && out === 0n) return fail('ReservesTooLow', 'The order is too small to pay out anything.');
  return {
    ok: true,
    fill: { paidIn: netIn, fee, taken: netIn + fee, out, priceAfter: toU64(mul(price, BILLION)), limited },
  };
}
