// Swap fees as the swap pallet computes them (chain.md §3.4), in U64F64 so the last rao matches: the rate is first
// turned into a truncated fixed-point fraction, which makes the fee occasionally one rao below ⌊input·rate/65535⌋.
// Both realms, pure.
import { FEE_DENOMINATOR } from './constants.ts';
import { div, fx, mul, sub, toU64 } from './fixed.ts';

/** `calculate_fee_amount`: the fee taken from a gross input `amount` at `feeRate` (parts of 65535). */
export function swapFee(amount: bigint, feeRate: number): bigint {
  const rate = div(fx(BigInt(feeRate)), fx(FEE_DENOMINATOR));
  return toU64(mul(fx(amount), rate));
}

/** The fee on a net input cut by the price limit: `Δin · rate / (65535 − rate)`, so that `Δin + fee` is gross. */
export function limitedSwapFee(netIn: bigint, feeRate: number): bigint {
  const rate = BigInt(feeRate);
  return toU64(mul(fx(netIn), div(fx(rate), sub(fx(FEE_DENOMINATOR), fx(rate)))));
}

/** `StakeInfoRuntimeApi.get_stake_fee` and the docs' shorthand: ⌊amount · rate / 65535⌋, for display only. */
export const approxFee = (amount: bigint, feeRate: number): bigint => (amount * BigInt(feeRate)) / FEE_DENOMINATOR;
