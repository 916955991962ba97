// Quotes for moving stake (`swap_stake_limit`, `move_stake`) from the runtime's simulations (chain.md §3.6): a move
// across subnets is an unstake on the origin then a stake on the destination, so it is quoted as
// `sim_swap_alpha_for_tao(origin, alpha)` followed by `sim_swap_tao_for_alpha(destination, …)`. The chain charges the
// fee once (§3.4): on the unstake, or on the stake when the origin is root/stable. The simulations always charge it,
// so a fee-free destination leg is simulated with the gross input whose net is the TAO moved. Within one subnet
// nothing touches a pool. UI realm (needs a connected ApiPromise); also Node tests.
import type { ApiPromise } from '@polkadot/api';
import { DEFAULT_MIN_STAKE, RAO_PER_TAO } from './constants.ts';
import { limitedSwapFee, swapFee } from './fees.ts';
import { swapRatio } from './limit-price.ts';
import { isStable, type Pool } from './pool-math.ts';
import { quoteBuy, quoteSell, readAlphaPrice } from './quotes.ts';

export interface MoveQuote {
  originNetuid: number;
  destinationNetuid: number;
  /** Alpha taken from the origin stake, alpha-rao. */
  amountIn: bigint;
  /** TAO the origin unstake pays out (and the destination stake takes), rao; null within one subnet. */
  taoMoved: bigint | null;
  /** Gross input of the destination simulation (see the module comment); null within one subnet. */
  destinationSimInput: bigint | null;
  /** Expected alpha on the destination; 0 when `taoMoved` is below the minimum and is not restaked. */
  out: bigint;
  /** The move's one fee, in `feeUnit` of subnet `feeNetuid`. */
  fee: bigint;
  feeUnit: 'alpha' | 'TAO';
  feeNetuid: number;
  /** Spot prices, rao per alpha. */
  originPrice: bigint;
  destinationPrice: bigint;
  /** price(origin)/price(destination)·10⁹ now: what `swap_stake_limit`'s limit is compared with. */
  ratio: bigint;
  /** Destination alpha per origin alpha of this fill, ×10⁹ (fees and slippage included). */
  effectiveRatio: bigint;
  /** Head block number when quoted. */
  block: number;
}

/** The smallest gross input whose net after the swap fee is at least `net` (no fee on root/stable pools). */
export function grossForNet(pool: Pool, net: bigint): bigint {
  if (isStable(pool) || !('feeRate' in pool) || net === 0n) return net;
  const rate = pool.feeRate;
  let g = net + limitedSwapFee(net, rate);
  while (g - swapFee(g, rate) < net) g++;
  while (g - 1n - swapFee(g - 1n, rate) >= net) g--;
  return g;
}

interface MoveSide {
  netuid: number;
  pool: Pool;
}

/** Quotes moving `alpha` from `origin` to `destination` now. @throws {StakeError} `not-executable`, `missing-api`. */
export async function quoteMove(
  api: ApiPromise,
  origin: MoveSide,
  destination: MoveSide,
  alpha: bigint,
): Promise<MoveQuote> {
  const [originPrice, destinationPrice, header] = await Promise.all([
    readAlphaPrice(api, origin.netuid),
    readAlphaPrice(api, destination.netuid),
    api.rpc.chain.getHeader(),
  ]);
  const base = {
    originNetuid: origin.netuid,
    destinationNetuid: destination.netuid,
    amountIn: alpha,
    originPrice,
    destinationPrice,
    ratio: swapRatio(originPrice, destinationPrice),
    block: header.number.toNumber(),
  };
  if (origin.netuid === destination.netuid)
    return {
      ...base,
      taoMoved: null,
      destinationSimInput: null,
      out: alpha,
      fee: 0n,
      feeUnit: 'alpha',
      feeNetuid: origin.netuid,
      effectiveRatio: RAO_PER_TAO,
    };
  const sold = await quoteSell(api, origin.netuid, alpha);
  const tao = sold.out;
  const feeOnOrigin = !isStable(origin.pool);
  // Below the minimum the chain leaves the TAO in the coldkey's balance instead of restaking it.
  if (tao < DEFAULT_MIN_STAKE)
    return {
      ...base,
      taoMoved: tao,
      destinationSimInput: null,
      out: 0n,
      fee: sold.fee,
      feeUnit: 'alpha',
      feeNetuid: origin.netuid,
      effectiveRatio: 0n,
    };
  const input = feeOnOrigin ? grossForNet(destination.pool, tao) : tao;
  const bought = await quoteBuy(api, destination.netuid, input);
  return {
    ...base,
    taoMoved: tao,
    destinationSimInput: input,
    out: bought.out,
    fee: feeOnOrigin ? sold.fee : bought.fee,
    feeUnit: feeOnOrigin ? 'alpha' : 'TAO',
    feeNetuid: feeOnOrigin ? origin.netuid : destination.netuid,
    effectiveRatio: alpha === 0n ? 0n : (bought.out * RAO_PER_TAO) / alpha,
  };
}
