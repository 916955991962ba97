// One entry point to a subnet pool's mathematics whatever the runtime generation (chain.md §3.5): spot price, the
// output of a buy or sell with or without a limit price, the fill-or-kill capacity for a limit (what the chain's
// `get_max_amount_add/remove` compute), and a price-impact curve for a local preview. Exact amounts still come from
// the runtime's simulation (quotes.ts); this is what the preview and the preflight can compute offline.
// Both realms, pure.
import { MAX_SWAP_INPUT_RESERVE_MULTIPLIER, RAO_PER_TAO } from './constants.ts';
import { U64_MAX } from './fixed.ts';
import { balancerBuy, balancerSell, balancerSpotPrice } from './pool-balancer.ts';
import { legacyBuy, legacySell, legacySpotPrice } from './pool-legacy.ts';
import { fail, type Pool, type SwapFailure, type SwapOptions, type SwapOutcome } from './pool-types.ts';
import { v3Buy, v3Sell, v3SpotPrice } from './pool-v3.ts';

export type {
  BalancerPool,
  ConstantProductPool,
  DynamicPool,
  Pool,
  StablePool,
  SwapFailure,
  SwapFill,
  SwapOptions,
  SwapOutcome,
  V3Pool,
} from './pool-types.ts';

/** Root (netuid 0) always converts 1:1, whatever its mechanism says. */
export const isStable = (pool: Pool): boolean => pool.kind === 'stable' || pool.netuid === 0;

/** Spot price in rao per alpha, as `SwapRuntimeApi.current_alpha_price` computes it. */
export function spotPrice(pool: Pool): bigint {
  if (isStable(pool)) return RAO_PER_TAO;
  switch (pool.kind) {
    case 'constant-product':
      return legacySpotPrice(pool);
    case 'uniswap-v3':
      return v3SpotPrice(pool);
    case 'balancer':
      return balancerSpotPrice(pool);
    default:
      return RAO_PER_TAO;
  }
}

/**
 * `SubnetTAO / SubnetAlphaIn` in rao per alpha: what naive wallets show. Wrong for a balancer pool whose weights are
 * unequal (the price is (w1/w2)·y/x), and for a v3 pool once user liquidity moved the price off the protocol curve.
 */
export function reserveRatioPrice(pool: Pool): bigint {
  if (pool.kind === 'stable') return RAO_PER_TAO;
  return pool.alpha === 0n ? 0n : (pool.tao * RAO_PER_TAO) / pool.alpha;
}

/** TAO (rao) → alpha. Stable pools: 1:1, no fee, no reserve checks. */
export function buy(pool: Pool, tao: bigint, options: SwapOptions = {}): SwapOutcome {
  if (tao < 0n) return fail('ZeroAmount', 'Amounts cannot be negative.');
  if (isStable(pool)) return stable(tao, options.limitPrice, true);
  switch (pool.kind) {
    case 'constant-product':
      return legacyBuy(pool, tao);
    case 'uniswap-v3':
      return v3Buy(pool, tao, options);
    case 'balancer':
      return balancerBuy(pool, tao, options);
  }
  return stable(tao, options.limitPrice, true);
}

/** Alpha (alpha-rao) → TAO. */
export function sell(pool: Pool, alpha: bigint, options: SwapOptions = {}): SwapOutcome {
  if (alpha < 0n) return fail('ZeroAmount', 'Amounts cannot be negative.');
  if (isStable(pool)) return stable(alpha, options.limitPrice, false);
  switch (pool.kind) {
    case 'constant-product':
      return legacySell(pool, alpha);
    case 'uniswap-v3':
      return v3Sell(pool, alpha, options);
    case 'balancer':
      return balancerSell(pool, alpha, options);
  }
  return stable(alpha, options.limitPrice, false);
}

/** Root and stable subnets: a buy limit below 1 TAO per alpha (or a sell limit above) can never fill (§3.3). */
function stable(amount: bigint, limit: bigint | undefined, isBuy: boolean): SwapOutcome {
  if (limit !== undefined && (isBuy ? limit < RAO_PER_TAO : limit > RAO_PER_TAO))
    return fail('ZeroMaxStakeAmount', 'On root and stable subnets 1 alpha is always 1 TAO: this limit never fills.');
  const fill = { paidIn: amount, fee: 0n, taken: amount, out: amount, priceAfter: RAO_PER_TAO, limited: false };
  return { ok: true, fill };
}

/**
 * The most a limit order can take before the marginal price reaches `limitPrice` (gross, fee included): the chain's
 * `get_max_amount_add` (buy) or `get_max_amount_remove` (sell). 0 means the chain answers `ZeroMaxStakeAmount`;
 * u64::MAX means unlimited (root and stable subnets). With `allow_partial = false`, orders above it fail with
 * `SlippageTooHigh`.
 */
export function maxAmount(pool: Pool, side: 'buy' | 'sell', limitPrice: bigint): bigint {
  if (isStable(pool)) return (side === 'buy' ? limitPrice >= RAO_PER_TAO : limitPrice <= RAO_PER_TAO) ? U64_MAX : 0n;
  if (pool.kind === 'constant-product') return 0n; // generation (a) had no limit orders
  // Generation A probes with u64::MAX; generation B with 1000 × the input reserve (its SwapInputTooLarge bound).
  const probe =
    pool.kind === 'balancer' ? (side === 'buy' ? pool.tao : pool.alpha) * MAX_SWAP_INPUT_RESERVE_MULTIPLIER : U64_MAX;
  const r = (side === 'buy' ? buy : sell)(pool, probe, { limitPrice });
  return r.ok ? r.fill.taken : 0n;
}

export interface ImpactPoint {
  /** Gross input, in the input token's rao. */
  amount: bigint;
  /** Output, or null when the pool refuses this size. */
  out: bigint | null;
  /** Average price paid, TAO per alpha (fee included); NaN when refused. */
  effectivePrice: number;
  /** Fraction lost against the spot price: 0.01 = 1 % worse than spot. */
  impact: number;
  /** Spot price after the order, TAO per alpha. */
  priceAfter: number;
  error: SwapFailure | null;
}

/** Effective price and impact for each amount: the preview's curve (doubles for display only). */
export function priceImpactCurve(pool: Pool, side: 'buy' | 'sell', amounts: readonly bigint[]): ImpactPoint[] {
  const spot = Number(spotPrice(pool)) / 1e9;
  return amounts.map((amount): ImpactPoint => {
    const r = (side === 'buy' ? buy : sell)(pool, amount);
    if (!r.ok || r.fill.out === 0n)
      return { amount, out: null, effectivePrice: NaN, impact: NaN, priceAfter: NaN, error: r.ok ? null : r.error };
    const { taken, out, priceAfter } = r.fill;
    const effectivePrice = side === 'buy' ? Number(taken) / Number(out) : Number(out) / Number(taken);
    const impact = side === 'buy' ? effectivePrice / spot - 1 : 1 - effectivePrice / spot;
    return { amount, out, effectivePrice, impact, priceAfter: Number(priceAfter) / 1e9, error: null };
  });
}
