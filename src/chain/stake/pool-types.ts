// The shapes of a subnet's swap pool in each runtime generation (chain.md §3.5) and of a swap's outcome, shared by
// the per-generation pool files. Both realms, pure.

/** Root (netuid 0) or a stable subnet (`SubnetMechanism == 0`): 1 alpha = 1 TAO, no fee, no slippage. */
export interface StablePool {
  kind: 'stable';
  netuid: number;
}

/** Reserves as the swap reads them: `SubnetTAO (+ SubnetTaoProvided)` and `SubnetAlphaIn (+ SubnetAlphaInProvided)`. */
interface Reserves {
  netuid: number;
  /** y, rao. */
  tao: bigint;
  /** x, alpha-rao. */
  alpha: bigint;
}

/** (a) Feb–Apr 2025: constant product with a flat fee; historical, for display only. */
export interface ConstantProductPool extends Reserves {
  kind: 'constant-product';
}

/** (b) Uniswap-v3 style (the fixture's runtime, spec 393…422). */
export interface V3Pool extends Reserves {
  kind: 'uniswap-v3';
  /** `Swap.FeeRate[netuid]`, fee = rate / 65535. */
  feeRate: number;
  /** `Swap.SwapV3Initialized[netuid]`; when false the first swap initialises from the reserves. */
  initialized: boolean;
  /** `Swap.AlphaSqrtPrice[netuid]`: U64F64 bits. */
  sqrtPrice: bigint;
  /** `Swap.CurrentLiquidity[netuid]`. */
  liquidity: bigint;
}

/** (c) Weighted "balancer" pool (spec ≥ 425). */
export interface BalancerPool extends Reserves {
  kind: 'balancer';
  feeRate: number;
  /** `Swap.SwapBalancer[netuid].quote`: the TAO weight w2 as Perquintill parts (10¹⁸ = 1). */
  quoteWeight: bigint;
}

export type Pool = StablePool | ConstantProductPool | V3Pool | BalancerPool;
export type DynamicPool = ConstantProductPool | V3Pool | BalancerPool;

/** The chain's names for a refused swap (`ZeroAmount` for negative input). */
export type SwapFailure =
  | 'ZeroAmount'
  | 'ReservesTooLow'
  | 'PriceLimitExceeded'
  | 'InsufficientLiquidity'
  | 'SwapInputTooLarge'
  | 'ZeroMaxStakeAmount';

export interface SwapFill {
  /** Net input that reached the pool (`amount_paid_in`). */
  paidIn: bigint;
  /** Fee taken from the input, in the input token. */
  fee: bigint;
  /** `paidIn + fee`: what leaves the user's balance or stake (less than asked when the limit cut the order). */
  taken: bigint;
  /** Output (`amount_paid_out`): alpha for a buy, TAO for a sell. */
  out: bigint;
  /** Spot price after the swap, rao per alpha, as `currentAlphaPrice` would read it. */
  priceAfter: bigint;
  /** True when the price limit stopped the order before the whole amount was used. */
  limited: boolean;
}

export type SwapOutcome = { ok: true; fill: SwapFill } | { ok: false; error: SwapFailure; message: string };

export interface SwapOptions {
  /** rao per alpha; omitted = the chain's default limit (a simulation "without limit"). */
  limitPrice?: bigint;
  /** Execution rather than simulation: also refuse when the output exceeds the output reserve (generation A). */
  execute?: boolean;
  /** `drop_fees` (internal moves); false for user swaps. */
  dropFees?: boolean;
}

export const fail = (error: SwapFailure, message: string): SwapOutcome => ({ ok: false, error, message });
