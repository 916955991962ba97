// Staking constants of subtensor that the metadata does not expose (chain.md §3.1, §3.4), with where they live.
// Both realms, pure.

/** 1 TAO (and 1 alpha) in rao. */
export const RAO_PER_TAO = 1_000_000_000n;
/** `DefaultMinStake` (a `#[pallet::type_value]`, so not in metadata): 0.002 TAO. */
export const DEFAULT_MIN_STAKE = 2_000_000n;
/** `Swap.MinimumReserve` constant (1_000_000 in the fixture; read it from metadata when connected). */
export const SWAP_MINIMUM_RESERVE = 1_000_000n;
/** Fee rates are parts of u16::MAX. */
export const FEE_DENOMINATOR = 65_535n;
/** `Swap.FeeRate` default (≈ 0.0504 %). */
export const DEFAULT_FEE_RATE = 33;
/** Generation B: net input ≤ 1000 × input reserve (`SwapInputTooLarge`); also the size of the max-amount probe. */
export const MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1_000n;
/** Perquintill accuracy (balancer weights). */
export const PERQUINTILL = 1_000_000_000_000_000_000n;
/** Generation (a): flat `DefaultStakingFee` and `DefaultMinimumPoolLiquidity`. */
export const LEGACY_STAKING_FEE = 50_000n;
export const LEGACY_MINIMUM_POOL_LIQUIDITY = 10_000_000n;
/** Default slippage tolerance of the SDK and btcli: 0.5 %. */
export const DEFAULT_TOLERANCE = 0.005;
