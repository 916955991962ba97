// How much of a limit order the chain can fill before its limit binds (chain.md §3.3): `get_max_amount_add/remove`
// through pool-math.ts for stakes and unstakes, and `get_max_amount_move` for `swap_stake_limit`, the constant-product
// approximation over SubnetTAO / SubnetAlphaIn that the runtime itself uses, with its root/stable corner cases. With
// `allow_partial = false` orders above it fail with `SlippageTooHigh`; with `true` the chain fills at most this much.
// Both realms, pure.
import { RAO_PER_TAO } from './constants.ts';
import { div, fx, mul, sub, toU64, U64_MAX } from './fixed.ts';
import { isStable, maxAmount } from './pool-math.ts';
import type { StakeOrder } from './stake-calls.ts';
import type { SubnetMarket } from './subnets.ts';

const BILLION = fx(RAO_PER_TAO);

/**
 * `get_max_amount_move(origin, destination, limit)` (move_stake.rs @ 14bc6f9f): the most origin alpha a
 * `swap_stake_limit` moves before price(origin)/price(destination)·10⁹ falls to `limit`. 0 = the chain's
 * `ZeroMaxStakeAmount`; u64::MAX = unlimited. The reserves are the market's (they include `SubnetTaoProvided` /
 * `SubnetAlphaInProvided`, which the chain leaves out; both are 0 on subnets without user liquidity).
 */
export function maxSwapAmount(origin: SubnetMarket, destination: SubnetMarket, limit: bigint): bigint {
  const stableOrigin = isStable(origin.pool);
  const stableDestination = isStable(destination.pool);
  // Both 1:1: the ratio is always 1.
  if (stableOrigin && stableDestination) return limit > RAO_PER_TAO ? 0n : U64_MAX;
  // Root/stable → dynamic is a buy on the destination with the inverted limit (10⁹·10⁹/limit).
  if (stableOrigin) {
    if (limit === 0n) return U64_MAX;
    return maxAmount(destination.pool, 'buy', toU64(mul(div(BILLION, fx(limit)), BILLION)));
  }
  // Dynamic → root/stable is a sell on the origin with the same limit.
  if (stableDestination) return maxAmount(origin.pool, 'sell', limit);
  const [y1, x1, y2, x2] = [origin.taoReserve, origin.alphaReserve, destination.taoReserve, destination.alphaReserve];
  if (y1 === 0n || x1 === 0n || y2 === 0n || x2 === 0n) return 0n;
  // The ratio only falls as alpha moves: a limit above the current ratio can never fill.
  const pLim = div(fx(limit), BILLION);
  if (pLim > div(fx(origin.price), fx(destination.price))) return 0n;
  if (limit === 0n) return U64_MAX;
  const sum = fx(y1 + y2);
  // x₂·y₁/(y₁+y₂) / p_lim − x₁·y₂/(y₁+y₂), in the chain's order of operations.
  return toU64(sub(div(mul(fx(x2), div(fx(y1), sum)), pLim), mul(fx(x1), div(fx(y2), sum))));
}

/**
 * The most `order` can fill at its limit, in its input token (rao for stakes, alpha-rao otherwise), or null for
 * orders without a limit (move_stake, market unstake-all). `destination` is needed for swaps.
 */
export function orderCapacity(
  order: StakeOrder,
  market: SubnetMarket,
  destination: SubnetMarket | null = null,
): bigint | null {
  switch (order.kind) {
    case 'add_stake_limit':
      return maxAmount(market.pool, 'buy', order.limitPrice);
    case 'remove_stake_limit':
      return maxAmount(market.pool, 'sell', order.limitPrice);
    case 'remove_stake_full_limit':
      return order.limitPrice === null ? null : maxAmount(market.pool, 'sell', order.limitPrice);
    case 'swap_stake_limit':
      return destination ? maxSwapAmount(market, destination, order.limitPrice) : null;
    case 'move_stake':
      return null;
  }
}
