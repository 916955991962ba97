// Slippage tolerance ↔ `limit_price` (chain.md §3.3): rao per 1 alpha, a ceiling on the final marginal price for
// buys and a floor for sells; for `swap_stake_limit` a floor on price(origin)/price(destination) × 10⁹. Rounding
// always keeps the limit inside the tolerance the user chose: buys round down, sells and ratios round up.
// Both realms, pure.
import { RAO_PER_TAO } from './constants.ts';
import { StakeError } from './errors.ts';
import { U64_MAX } from './fixed.ts';

/** Tolerances are carried as parts per billion so the arithmetic stays in bigint. */
const PPB = 1_000_000_000n;

/** 0.005 (0.5 %) → 5_000_000 ppb; rejects negatives, NaN and anything ≥ 1 (100 %). */
export function toleranceToPpb(tolerance: number): bigint {
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance >= 1)
    throw new StakeError('bad-tolerance', 'The slippage tolerance must be at least 0 % and below 100 %.');
  return BigInt(Math.round(tolerance * 1e9));
}

/** Parses a percentage typed by the user ("0.5" = 0.5 %) into a fraction (0.005). */
export function parseTolerancePercent(text: string): number {
  const t = text.trim().replace(/%$/, '').trim();
  if (!/^\d*\.?\d+$|^\d+\.$/.test(t))
    throw new StakeError('bad-tolerance', `"${text}" is not a percentage: write e.g. 0.5 for 0.5 %.`);
  const fraction = Number(t) / 100;
  toleranceToPpb(fraction);
  return fraction;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const clampU64 = (x: bigint) => (x > U64_MAX ? U64_MAX : x);

/**
 * `limit_price` for `add_stake_limit`: ⌊price · (1 + tol)⌋. The price is `currentAlphaPrice` (rao per alpha).
 */
export function buyLimitPrice(priceRao: bigint, tolerance: number): bigint {
  return clampU64((priceRao * (PPB + toleranceToPpb(tolerance))) / PPB);
}

/** `limit_price` for `remove_stake_limit` / `remove_stake_full_limit`: ⌈price · (1 − tol)⌉. */
export function sellLimitPrice(priceRao: bigint, tolerance: number): bigint {
  return ceilDiv(priceRao * (PPB - toleranceToPpb(tolerance)), PPB);
}

/** price(origin)/price(destination) × 10⁹ (floor), the quantity `swap_stake_limit` limits; root counts as 10⁹. */
export function swapRatio(originPriceRao: bigint, destinationPriceRao: bigint): bigint {
  if (destinationPriceRao === 0n) return U64_MAX;
  return clampU64((originPriceRao * RAO_PER_TAO) / destinationPriceRao);
}

/** `limit_price` for `swap_stake_limit`: ⌈ratio · (1 − tol)⌉, the lowest ratio accepted (btcli's convention). */
export function swapLimitPrice(originPriceRao: bigint, destinationPriceRao: bigint, tolerance: number): bigint {
  return sellLimitPrice(swapRatio(originPriceRao, destinationPriceRao), tolerance);
}

/**
 * The tolerance a limit grants against `priceRao`, as a fraction: (limit − price)/price for buys and swaps read as
 * buys, (price − limit)/price for sells and swap ratios. Negative when the limit is already on the wrong side.
 */
export function toleranceOf(limitRao: bigint, priceRao: bigint, side: 'buy' | 'sell'): number {
  if (priceRao === 0n) return NaN;
  const diff = side === 'buy' ? limitRao - priceRao : priceRao - limitRao;
  return Number((diff * PPB) / priceRao) / 1e9;
}

/** rao per alpha → TAO per alpha, for display. */
export const raoPriceToTao = (rao: bigint): number => Number(rao) / 1e9;

/** TAO per alpha (a decimal string, up to 9 decimals) → rao per alpha, exactly. */
export function taoPriceToRao(text: string): bigint {
  const m = /^(\d*)(?:\.(\d{0,9}))?$/.exec(text.trim());
  if (!m || (m[1] === '' && !m[2])) throw new StakeError('not-a-number', `"${text}" is not a price in TAO.`);
  return BigInt(m[1] || '0') * RAO_PER_TAO + BigInt((m[2] ?? '').padEnd(9, '0'));
}
