// Generation (a), the first dTAO pools (Feb–Apr 2025, `stake_utils.rs` @ db0e7827): constant product x·y = k, a flat
// TAO fee, and a minimum post-trade reserve. Kept for reading old quotes and for comparison; no runtime still uses it.
// Both realms, pure.
import { LEGACY_MINIMUM_POOL_LIQUIDITY, LEGACY_STAKING_FEE } from './constants.ts';
import { fail, type ConstantProductPool, type SwapOutcome } from './pool-types.ts';

const price = (tao: bigint, alpha: bigint) => (alpha === 0n ? 0n : (tao * 1_000_000_000n) / alpha);

/** p = y/x in rao per alpha (floor). */
export const legacySpotPrice = (pool: ConstantProductPool): bigint => price(pool.tao, pool.alpha);

/** Buy: the flat fee comes off the TAO first, then Δx = x·Δy/(y+Δy) (floor, in the pool's favour). */
export function legacyBuy(pool: ConstantProductPool, amount: bigint): SwapOutcome {
  const fee = amount < LEGACY_STAKING_FEE ? amount : LEGACY_STAKING_FEE;
  const netIn = amount - fee;
  const out = (pool.alpha * netIn) / (pool.tao + netIn);
  if (pool.alpha - out < LEGACY_MINIMUM_POOL_LIQUIDITY)
    return fail('InsufficientLiquidity', 'The pool would fall below its minimum liquidity.');
  const fill = { paidIn: netIn, fee, taken: amount, out, limited: false };
  return { ok: true, fill: { ...fill, priceAfter: price(pool.tao + netIn, pool.alpha - out) } };
}

/**
 * Sell: Δy = y·Δx/(x+Δx), then the fee off the TAO out: the chain's dividend-based estimate is approximated by its
 * floors, max(0.005 % of the TAO out, 50 000 rao).
 */
export function legacySell(pool: ConstantProductPool, amount: bigint): SwapOutcome {
  const gross = (pool.tao * amount) / (pool.alpha + amount);
  if (pool.tao - gross < LEGACY_MINIMUM_POOL_LIQUIDITY)
    return fail('InsufficientLiquidity', 'The pool would fall below its minimum liquidity.');
  const pct = (gross * 5n) / 100_000n;
  const fee = pct > LEGACY_STAKING_FEE ? pct : LEGACY_STAKING_FEE;
  const out = gross > fee ? gross - fee : 0n;
  const fill = { paidIn: amount, fee: 0n, taken: amount, out, limited: false };
  return { ok: true, fill: { ...fill, priceAfter: price(pool.tao - gross, pool.alpha + amount) } };
}
