// Slippage tolerance ↔ limit_price (chain.md §3.3) with its rounding edges, and parsing of typed TAO/alpha amounts
// into rao with a specific error per mistake. Node realm, pure.
import { describe, expect, it } from 'vitest';
import { formatRao, parseAmount, tryParseAmount } from '../../src/chain/stake/amounts.ts';
import { StakeError } from '../../src/chain/stake/errors.ts';
import {
  buyLimitPrice,
  parseTolerancePercent,
  raoPriceToTao,
  sellLimitPrice,
  swapLimitPrice,
  swapRatio,
  taoPriceToRao,
  toleranceOf,
  toleranceToPpb,
} from '../../src/chain/stake/limit-price.ts';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof StakeError) return e.code;
    throw e;
  }
  return null;
};

describe('limit_price from a tolerance', () => {
  it('buys: ⌊price·(1 + tol)⌋; sells: ⌈price·(1 − tol)⌉ (the limit never grants more than the tolerance)', () => {
    expect(buyLimitPrice(250_000_000n, 0.005)).toBe(251_250_000n);
    expect(sellLimitPrice(250_000_000n, 0.005)).toBe(248_750_000n);
    // 333 333 333 · 1.005 = 334 999 999.665 → down; · 0.995 = 331 666 666.335 → up
    expect(buyLimitPrice(333_333_333n, 0.005)).toBe(334_999_999n);
    expect(sellLimitPrice(333_333_333n, 0.005)).toBe(331_666_667n);
    // 1 rao per alpha: any tolerance below 100 % leaves the buy limit at 1 and lifts the sell limit back to 1.
    expect(buyLimitPrice(1n, 0.5)).toBe(1n);
    expect(sellLimitPrice(1n, 0.5)).toBe(1n);
    expect(buyLimitPrice(250_000_000n, 0)).toBe(250_000_000n);
  });

  it('root: 10⁹ rao per alpha; a buy limit ≥ 10⁹ and a sell limit ≤ 10⁹ are what fill there', () => {
    expect(buyLimitPrice(1_000_000_000n, 0.005)).toBe(1_005_000_000n);
    expect(sellLimitPrice(1_000_000_000n, 0.005)).toBe(995_000_000n);
  });

  it('saturates at u64::MAX rather than overflowing', () => {
    expect(buyLimitPrice((1n << 64n) - 1n, 0.5)).toBe((1n << 64n) - 1n);
  });

  it('swap_stake_limit: the floor on price(origin)/price(destination)·10⁹', () => {
    expect(swapRatio(250_000_000n, 500_000_000n)).toBe(500_000_000n);
    expect(swapRatio(1_000_000_000n, 3_000_000_000n)).toBe(333_333_333n);
    expect(swapLimitPrice(250_000_000n, 500_000_000n, 0.01)).toBe(495_000_000n);
    expect(swapLimitPrice(1_000_000_000n, 3_000_000_000n, 0.005)).toBe(331_666_667n);
  });

  it('reads the tolerance back from a limit, both ways', () => {
    expect(toleranceOf(251_250_000n, 250_000_000n, 'buy')).toBeCloseTo(0.005, 9);
    expect(toleranceOf(248_750_000n, 250_000_000n, 'sell')).toBeCloseTo(0.005, 9);
    expect(toleranceOf(240_000_000n, 250_000_000n, 'buy')).toBeCloseTo(-0.04, 9);
    for (const price of [1_000_000_000n, 333_333_333n, 7n * 10n ** 12n])
      for (const tol of [0, 0.001, 0.005, 0.2]) {
        expect(toleranceOf(buyLimitPrice(price, tol), price, 'buy')).toBeLessThanOrEqual(tol);
        expect(toleranceOf(sellLimitPrice(price, tol), price, 'sell')).toBeLessThanOrEqual(tol);
      }
  });

  it('rejects tolerances below 0 or at/above 100 %, and parses percentages', () => {
    expect(codeOf(() => toleranceToPpb(-0.01))).toBe('bad-tolerance');
    expect(codeOf(() => toleranceToPpb(1))).toBe('bad-tolerance');
    expect(codeOf(() => toleranceToPpb(NaN))).toBe('bad-tolerance');
    expect(toleranceToPpb(0.005)).toBe(5_000_000n);
    expect(parseTolerancePercent('0.5')).toBeCloseTo(0.005, 12);
    expect(parseTolerancePercent(' 2 % ')).toBeCloseTo(0.02, 12);
    expect(codeOf(() => parseTolerancePercent('abc'))).toBe('bad-tolerance');
    expect(codeOf(() => parseTolerancePercent('100'))).toBe('bad-tolerance');
  });

  it('converts prices between rao per alpha and TAO', () => {
    expect(taoPriceToRao('0.25')).toBe(250_000_000n);
    expect(taoPriceToRao('12')).toBe(12_000_000_000n);
    expect(raoPriceToTao(251_250_000n)).toBe(0.25125);
    expect(codeOf(() => taoPriceToRao('0.0000000001'))).toBe('not-a-number');
  });
});

describe('amounts typed by the user', () => {
  it('parses up to 9 decimals into rao, exactly', () => {
    expect(parseAmount('1')).toBe(1_000_000_000n);
    expect(parseAmount('1.5')).toBe(1_500_000_000n);
    expect(parseAmount('.5')).toBe(500_000_000n);
    expect(parseAmount('2.')).toBe(2_000_000_000n);
    expect(parseAmount(' 0.000000001 ')).toBe(1n);
    expect(parseAmount('18446744073.709551615')).toBe((1n << 64n) - 1n);
    expect(parseAmount('0.1234567890'.slice(0, 11))).toBe(123_456_789n);
  });

  it('names each mistake', () => {
    expect(codeOf(() => parseAmount(''))).toBe('empty');
    expect(codeOf(() => parseAmount('   '))).toBe('empty');
    expect(codeOf(() => parseAmount('-1'))).toBe('negative');
    expect(codeOf(() => parseAmount('0'))).toBe('zero');
    expect(codeOf(() => parseAmount('0.000000000'))).toBe('zero');
    expect(codeOf(() => parseAmount('0.0000000001'))).toBe('too-many-decimals');
    expect(codeOf(() => parseAmount('abc'))).toBe('not-a-number');
    expect(codeOf(() => parseAmount('1e3'))).toBe('not-a-number');
    expect(codeOf(() => parseAmount('1,5'))).toBe('not-a-number');
    expect(codeOf(() => parseAmount('1.2.3'))).toBe('not-a-number');
    expect(codeOf(() => parseAmount('.'))).toBe('not-a-number');
    expect(codeOf(() => parseAmount('18446744073.709551616'))).toBe('too-large');
  });

  it('says what to do in the message, with the unit', () => {
    expect(() => parseAmount('1.0000000001', 'alpha')).toThrow(/alpha has 9 decimals: "1.0000000001" has 10/);
    expect(() => parseAmount('1e3')).toThrow(/without an exponent/);
    expect(() => parseAmount('1,5')).toThrow(/Use a dot for decimals/);
    const r = tryParseAmount('x', 'alpha');
    expect(r.ok).toBe(false);
    expect(tryParseAmount('3', 'alpha')).toEqual({ ok: true, rao: 3_000_000_000n });
  });

  it('formats rao back without rounding up', () => {
    expect(formatRao(1_500_000_000n)).toBe('1.5');
    expect(formatRao(1n)).toBe('0.000000001');
    expect(formatRao(1_999_999_999n, 4)).toBe('1.9999');
    expect(formatRao(0n)).toBe('0');
    expect(parseAmount(formatRao(123_456_789_012n))).toBe(123_456_789_012n);
  });
});
