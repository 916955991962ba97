// src/chain/stake pool mathematics against formulas worked by hand (chain.md §3.4, §3.5): fees in U64F64, the v3
// step within one range, limit cuts, the weighted pool with equal and unequal weights, the 2025 constant product,
// tiny pools and huge orders, the root subnet, and the preview's impact curve. Node realm, pure.
import { describe, expect, it } from 'vitest';
import { swapFee, limitedSwapFee, approxFee } from '../../src/chain/stake/fees.ts';
import { ONE, U64_MAX, isqrt, powRatioScaled, sqrtBisect, fromFloat } from '../../src/chain/stake/fixed.ts';
import {
  buy,
  maxAmount,
  priceImpactCurve,
  reserveRatioPrice,
  sell,
  spotPrice,
  type BalancerPool,
  type SwapOutcome,
  type V3Pool,
} from '../../src/chain/stake/pool-math.ts';
import { limitSqrtPrice, v3State } from '../../src/chain/stake/pool-v3.ts';

const TAO = 1_000_000_000n;
const fill = (r: SwapOutcome) => {
  if (!r.ok) throw new Error(`expected a fill, got ${r.error}: ${r.message}`);
  return r.fill;
};
const errorOf = (r: SwapOutcome) => (r.ok ? null : r.error);
/** 10 000 TAO against 40 000 alpha, sqrt price exactly 1/2 (0.25 TAO per alpha), L = √(10¹³·4·10¹³) = 2·10¹³. */
const half: V3Pool = {
  kind: 'uniswap-v3',
  netuid: 1,
  tao: 10_000n * TAO,
  alpha: 40_000n * TAO,
  feeRate: 0,
  initialized: true,
  sqrtPrice: ONE / 2n,
  liquidity: 20_000_000_000_000n,
};
const balancer = (quoteWeight: bigint, feeRate = 0): BalancerPool => ({
  kind: 'balancer',
  netuid: 2,
  tao: 10_000n * TAO,
  alpha: 40_000n * TAO,
  feeRate,
  quoteWeight,
});
const W_HALF = 500_000_000_000_000_000n;

describe('fees (§3.4)', () => {
  it('takes ⌊amount · rate/65535⌋ through a truncated U64F64 rate, so an exact multiple loses one rao', () => {
    expect(swapFee(1_000_000_000n, 33)).toBe(503_547n); // 10⁹·33/65535 = 503 547.72
    expect(approxFee(65_535n, 33)).toBe(33n);
    expect(swapFee(65_535n, 33)).toBe(32n); // 33·2⁶⁴/65535 is not an integer: the fixed-point rate is a hair low
    expect(swapFee(1_000_000_000n, 0)).toBe(0n);
    expect(swapFee(1_000_000_000n, 10_000)).toBe(152_590_218n); // the maximum rate, ≈ 15.26 %
  });

  it('recomputes the fee on a limit-cut net input as Δin · rate/(65535 − rate)', () => {
    // 65502 · 33/65502 = 33 exactly in reals; the truncated rate gives 32.
    expect(limitedSwapFee(65_502n, 33)).toBe(32n);
    expect(limitedSwapFee(1_000_000_000n, 33)).toBe(503_801n); // 10⁹·33/65502 = 503 801.40
  });
});

describe('fixed point', () => {
  it('bisects square roots like subtensor, within its epsilon', () => {
    const eps = fromFloat(1e-10);
    const s = sqrtBisect(ONE / 4n, eps);
    expect(s > ONE / 2n - eps && s < ONE / 2n + eps).toBe(true);
    expect(isqrt(10n ** 13n * 4n * 10n ** 13n)).toBe(20_000_000_000_000n);
    expect(isqrt(15n)).toBe(3n);
  });

  it('raises ratios to rational powers exactly enough for ⌊·10¹⁸⌋', () => {
    expect(powRatioScaled(1n, 4n, 1n, 2n, 10n ** 18n)).toBe(500_000_000_000_000_000n);
    expect(powRatioScaled(3n, 4n, 1n, 1n, 10n ** 18n)).toBe(750_000_000_000_000_000n);
    expect(powRatioScaled(8n, 1n, 1n, 3n, 10n ** 18n)).toBe(2_000_000_000_000_000_000n);
    expect(powRatioScaled(1n, 3n, 1n, 1n, 10n ** 18n)).toBe(333_333_333_333_333_333n);
    // 2^(1/2) · 10¹⁸ = 1 414 213 562 373 095 048.8…
    expect(powRatioScaled(2n, 1n, 1n, 2n, 10n ** 18n)).toBe(1_414_213_562_373_095_048n);
  });
});

describe('uniswap-v3 pool (§3.5 b), one range, fee 0 where the numbers are worked by hand', () => {
  it('spot price is s² × 10⁹', () => {
    expect(spotPrice(half)).toBe(250_000_000n);
    expect(reserveRatioPrice(half)).toBe(250_000_000n);
  });

  it('buy: Δx = Δy·L / (s·(L·s + Δy)) = 10¹¹·2·10¹³ / (½·1.01·10¹³) = 396 039 603 960.39…', () => {
    const f = fill(buy(half, 100n * TAO));
    expect(f).toMatchObject({ paidIn: 100n * TAO, fee: 0n, taken: 100n * TAO, out: 396_039_603_960n, limited: false });
    // s' = s + Δy/L = 0.505 → p' = 0.255025, but 0.005 is not a binary fraction: truncated, the chain reads …4999.
    expect(f.priceAfter).toBe(255_024_999n);
  });

  it('sell: Δy = Δx·L·s / (L/s + Δx) = 4·10¹¹·2·10¹³·½ / 4.04·10¹³ = 99 009 900 990.09…', () => {
    expect(fill(sell(half, 400n * TAO)).out).toBe(99_009_900_990n);
  });

  it('with protocol liquidity only, equals the constant product of (a) up to a rao', () => {
    const dy = 100n * TAO;
    const cp = (half.alpha * dy) / (half.tao + dy);
    expect(Number(fill(buy(half, dy)).out - cp)).toBeLessThanOrEqual(1);
    expect(Number(cp - fill(buy(half, dy)).out)).toBeLessThanOrEqual(1);
  });

  it('the fee comes off the input first', () => {
    const f = fill(buy({ ...half, feeRate: 33 }, 100n * TAO));
    expect(f.fee).toBe(swapFee(100n * TAO, 33));
    expect(f.paidIn).toBe(100n * TAO - f.fee);
    expect(f.out).toBe(fill(buy(half, f.paidIn)).out);
  });

  it('a limit price cuts the input at L·(√p_lim − s), and the fee is recomputed on it', () => {
    const pool = { ...half, feeRate: 33 };
    const limit = 360_000_000n; // 0.36 TAO per alpha: √ = 0.6
    const f = fill(buy(pool, 10_000n * TAO, { limitPrice: limit }));
    expect(f.limited).toBe(true);
    const expected = (pool.liquidity * (limitSqrtPrice(limit) - pool.sqrtPrice)) >> 64n;
    expect(f.paidIn).toBe(expected);
    expect(Math.abs(Number(f.paidIn) - 2e12)).toBeLessThan(3000); // L·0.1, up to the bisection's 1e-10
    expect(f.fee).toBe(limitedSwapFee(f.paidIn, 33));
    expect(f.priceAfter === limit || f.priceAfter === limit - 1n).toBe(true);
    // The capacity at that limit is exactly what the cut order took.
    expect(maxAmount(pool, 'buy', limit)).toBe(f.taken);
  });

  it('refuses a limit already on the wrong side: PriceLimitExceeded', () => {
    expect(errorOf(buy(half, TAO, { limitPrice: 249_999_000n }))).toBe('PriceLimitExceeded');
    expect(errorOf(sell(half, TAO, { limitPrice: 250_001_000n }))).toBe('PriceLimitExceeded');
    expect(maxAmount(half, 'buy', 200_000_000n)).toBe(0n);
    // A limit exactly at spot: the bisected √ lands within 1e-10 of 0.5, so at most L·1e-10 = 2000 rao can fill.
    expect(maxAmount(half, 'buy', 250_000_000n)).toBeLessThanOrEqual(2_000n);
  });

  it('an uninitialised pool starts at √(y/x) with L = ⌊√(x·y)⌋, as its first swap would', () => {
    const fresh: V3Pool = { ...half, initialized: false, sqrtPrice: 0n, liquidity: 0n };
    expect(spotPrice(fresh)).toBe(250_000_000n); // y/x in U96F32
    const st = v3State(fresh);
    expect(st.liquidity).toBe(20_000_000_000_000n);
    expect(Number(st.sqrtPrice - ONE / 2n)).toBeLessThan(Number(fromFloat(1e-12)) + 1);
  });

  it('tiny pools: an output reserve under the 1 000 000 minimum is refused, and dust that pays nothing too', () => {
    const tiny = (tao: bigint, alpha: bigint): V3Pool => ({ ...half, tao, alpha, initialized: false, feeRate: 33 });
    expect(errorOf(buy(tiny(1_500_000n, 999_999n), 1_000n))).toBe('ReservesTooLow');
    expect(errorOf(sell(tiny(999_999n, 1_500_000n), 1_000n))).toBe('ReservesTooLow');
    // 2 TAO per alpha: one rao buys nothing.
    expect(errorOf(buy(tiny(3_000_000n, 1_500_000n), 1n))).toBe('ReservesTooLow');
    // A huge buy takes almost the whole alpha reserve, never more.
    const f = fill(buy(tiny(1_500_000n, 3_000_000n), 1_000_000n * TAO));
    expect(f.out).toBeLessThanOrEqual(3_000_000n);
    expect(f.out).toBeGreaterThan(2_990_000n);
  });
});

describe('weighted pool (§3.5 c)', () => {
  it('with equal weights it is the constant product (up to a rao)', () => {
    const pool = balancer(W_HALF);
    expect(spotPrice(pool)).toBe(250_000_000n);
    const dy = 100n * TAO;
    const cp = (pool.alpha * dy) / (pool.tao + dy);
    expect(Math.abs(Number(fill(buy(pool, dy)).out - cp))).toBeLessThanOrEqual(1);
    const dx = 400n * TAO;
    const cpSell = (pool.tao * dx) / (pool.alpha + dx);
    expect(Math.abs(Number(fill(sell(pool, dx)).out - cpSell))).toBeLessThanOrEqual(1);
  });

  it('with w2 = 0.3 the price is (w1/w2)·y/x = 0.5833…, not the reserve ratio 0.25', () => {
    const pool = balancer(300_000_000_000_000_000n);
    expect(spotPrice(pool)).toBe(583_333_333n);
    expect(reserveRatioPrice(pool)).toBe(250_000_000n);
    // Δx = x·(1 − (y/(y+Δy))^(w2/w1)) = 4·10¹³·(1 − (100/101)^(3/7)) = 170 180 138 462.7…
    const out = fill(buy(pool, 100n * TAO)).out;
    expect(Math.abs(Number(out) - 4e13 * (1 - Math.pow(100 / 101, 3 / 7)))).toBeLessThan(2);
    // Δy = y·(1 − (x/(x+Δx))^(w1/w2)) = 10¹³·(1 − (100/101)^(7/3))
    const taoOut = fill(sell(pool, 400n * TAO)).out;
    expect(Math.abs(Number(taoOut) - 1e13 * (1 - Math.pow(100 / 101, 7 / 3)))).toBeLessThan(2);
  });

  it('a limit cuts the buy at Δy = y·((p_lim/p)^w1 − 1)', () => {
    const pool = balancer(300_000_000_000_000_000n, 33);
    const p = spotPrice(pool);
    const limit = (p * 101n) / 100n;
    const f = fill(buy(pool, 10_000n * TAO, { limitPrice: limit }));
    expect(f.limited).toBe(true);
    const ratio = Number(limit) / ((7 / 3) * 0.25e9); // against the unrounded price
    expect(Math.abs(Number(f.paidIn) - 1e13 * (Math.pow(ratio, 0.7) - 1))).toBeLessThan(1e4);
    expect(f.fee).toBe(limitedSwapFee(f.paidIn, 33));
    expect(maxAmount(pool, 'buy', limit)).toBe(f.taken);
  });

  it('refuses a net input above 1000 × the input reserve: SwapInputTooLarge', () => {
    const pool = balancer(W_HALF);
    expect(errorOf(buy(pool, 10_000_001n * TAO))).toBe('SwapInputTooLarge');
    expect(buy(pool, 10_000_000n * TAO).ok).toBe(true);
  });
});

describe('constant product, Feb–Apr 2025 (§3.5 a)', () => {
  const pool = { kind: 'constant-product' as const, netuid: 5, tao: 100n * TAO, alpha: 400n * TAO };

  it('buy: flat 50 000 rao fee, then Δx = x·Δy/(y+Δy)', () => {
    const f = fill(buy(pool, 10n * TAO));
    const dy = 10n * TAO - 50_000n;
    expect(f.out).toBe((400n * TAO * dy) / (100n * TAO + dy));
    expect(f.fee).toBe(50_000n);
  });

  it('refuses orders that leave less than 10 000 000 in the pool: InsufficientLiquidity', () => {
    expect(errorOf(buy(pool, 10_000_000n * TAO))).toBe('InsufficientLiquidity');
    expect(errorOf(sell(pool, 10_000_000n * TAO))).toBe('InsufficientLiquidity');
  });
});

describe('root subnet and stable subnets', () => {
  const root = { kind: 'stable' as const, netuid: 0 };

  it('convert 1:1 with no fee, any size', () => {
    expect(spotPrice(root)).toBe(TAO);
    expect(fill(buy(root, 123n * TAO))).toMatchObject({ out: 123n * TAO, fee: 0n, priceAfter: TAO });
    expect(fill(sell(root, U64_MAX)).out).toBe(U64_MAX);
  });

  it('limits: buys fill at any limit ≥ 1 TAO per alpha, sells at any limit ≤ 1; otherwise nothing', () => {
    expect(maxAmount(root, 'buy', TAO)).toBe(U64_MAX);
    expect(maxAmount(root, 'buy', TAO - 1n)).toBe(0n);
    expect(maxAmount(root, 'sell', TAO)).toBe(U64_MAX);
    expect(maxAmount(root, 'sell', TAO + 1n)).toBe(0n);
    expect(errorOf(buy(root, TAO, { limitPrice: TAO - 1n }))).toBe('ZeroMaxStakeAmount');
  });

  it('a dynamic pool labelled with netuid 0 is still treated as root', () => {
    expect(spotPrice({ ...half, netuid: 0 })).toBe(TAO);
  });
});

describe('price impact curve', () => {
  it('impact grows with size, starts at about the fee, and marks refused sizes', () => {
    const pool = { ...half, feeRate: 33 };
    const curve = priceImpactCurve(pool, 'buy', [TAO, 100n * TAO, 1_000n * TAO]);
    expect(curve[0]!.impact).toBeCloseTo(33 / 65535 + 1e-4, 3);
    expect(curve[1]!.impact).toBeGreaterThan(curve[0]!.impact);
    expect(curve[2]!.impact).toBeGreaterThan(curve[1]!.impact);
    expect(curve[1]!.effectivePrice).toBeGreaterThan(0.25);
    const sells = priceImpactCurve({ ...pool, tao: 999_999n }, 'sell', [TAO]);
    expect(sells[0]).toMatchObject({ out: null, error: 'ReservesTooLow' });
  });
});
