// src/chain/stake/preflight.ts on the scripted markets read from the fixture node: balance, minimum stake, disabled
// subtoken, stale quotes, fill-or-kill capacity, unstake minimums and moves. Node realm.
import { beforeAll, describe, expect, it } from 'vitest';
import { buyLimitPrice, sellLimitPrice, swapLimitPrice } from '../../src/chain/stake/limit-price.ts';
import { preflightStake } from '../../src/chain/stake/preflight.ts';
import type { StakeOrder } from '../../src/chain/stake/stake-calls.ts';
import { readSubnets, type SubnetMarket } from '../../src/chain/stake/subnets.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { useStakeNode } from '../support/stake-node.ts';

const TAO = 1_000_000_000n;
const chain = loadFixtureChain();

const stake = useStakeNode(chain);

describe('preflight on the scripted markets', () => {
  let m: Map<number, SubnetMarket>;
  beforeAll(async () => {
    m = new Map((await readSubnets(stake.conn.api)).map((x) => [x.netuid, x]));
  });
  const codes = (order: StakeOrder, state: Parameters<typeof preflightStake>[1]) =>
    preflightStake(order, state).map((i) => i.code);
  const add = (netuid: number, amount: bigint, limitPrice: bigint, allowPartial = false): StakeOrder => ({
    kind: 'add_stake_limit',
    hotkey: stake.script.hotkey,
    netuid,
    amount,
    limitPrice,
    allowPartial,
  });

  it('accepts a sensible stake and unstake', () => {
    const price = m.get(1)!.price;
    expect(
      codes(add(1, 10n * TAO, buyLimitPrice(price, 0.05)), { market: m.get(1)!, free: stake.script.free }),
    ).toEqual([]);
    const sellOrder: StakeOrder = {
      kind: 'remove_stake_limit',
      hotkey: stake.script.hotkey,
      netuid: 1,
      amount: 40n * TAO,
      limitPrice: sellLimitPrice(price, 0.01),
    };
    expect(codes(sellOrder, { market: m.get(1)!, free: 0n, stakeHeld: 400n * TAO })).toEqual([]);
  });

  it('more than the balance, below the minimum stake, a disabled subtoken, a missing subnet', () => {
    const s = { market: m.get(1)!, free: stake.script.free };
    expect(codes(add(1, 2_000n * TAO, U64(), true), s)).toContain('insufficient-balance');
    const low = preflightStake(add(1, 2_000_000n, buyLimitPrice(m.get(1)!.price, 0.05)), s);
    expect(low.map((i) => i.code)).toEqual(['below-minimum']);
    expect(low[0]!.message).toMatch(/smallest stake is 0.002001007 TAO/); // 0.002 TAO + the fee on it, 1007 rao
    expect(codes(add(0, 2_000_000n, TAO), { market: m.get(0)!, free: stake.script.free })).toEqual([]); // root: no fee
    expect(codes(add(4, TAO, U64()), { market: m.get(4)!, free: stake.script.free })).toEqual(['subtoken-disabled']);
    expect(preflightStake(add(9, TAO, U64()), { market: null, free: stake.script.free })[0]!.chainError).toBe(
      'SubtensorModule.SubnetNotExists',
    );
  });

  it('a stale quote: the price moved beyond the tolerance since it was quoted', () => {
    // Quoted at 0.24 TAO with 0.5 % tolerance; the pool is now at 0.25.
    const stale = preflightStake(add(1, TAO, buyLimitPrice(240_000_000n, 0.005)), {
      market: m.get(1)!,
      free: stake.script.free,
    });
    expect(stale.map((i) => i.code)).toEqual(['stale-quote']);
    expect(stale[0]!.message).toMatch(/quote again/);
    const sellStale: StakeOrder = {
      kind: 'remove_stake_limit',
      hotkey: stake.script.hotkey,
      netuid: 1,
      amount: TAO,
      limitPrice: sellLimitPrice(260_000_000n, 0.005),
    };
    expect(codes(sellStale, { market: m.get(1)!, free: 0n, stakeHeld: 400n * TAO })).toEqual(['stale-quote']);
    const ratio: StakeOrder = {
      kind: 'swap_stake_limit',
      hotkey: stake.script.hotkey,
      originNetuid: 1,
      destinationNetuid: 2,
      amount: TAO,
      limitPrice: swapLimitPrice(260_000_000n, 360_000_000n, 0.005),
    };
    expect(codes(ratio, { market: m.get(1)!, destination: m.get(2)!, free: 0n, stakeHeld: 400n * TAO })).toEqual([
      'stale-quote',
    ]);
  });

  it('fill-or-kill above the capacity at the limit is SlippageTooHigh; a partial fill is allowed', () => {
    const limit = buyLimitPrice(m.get(1)!.price, 0.005);
    const issues = preflightStake(add(1, 900n * TAO, limit), { market: m.get(1)!, free: stake.script.free });
    expect(issues.map((i) => [i.code, i.chainError])).toEqual([['slippage', 'SubtensorModule.SlippageTooHigh']]);
    expect(codes(add(1, 900n * TAO, limit, true), { market: m.get(1)!, free: stake.script.free })).toEqual([]);
  });

  it('unstakes: more than held, and a partial unstake worth less than 0.002 TAO', () => {
    const tiny = m.get(3)!;
    const order = (amount: bigint): StakeOrder => ({
      kind: 'remove_stake_limit',
      hotkey: stake.script.hotkey,
      netuid: 3,
      amount,
      limitPrice: 0n,
    });
    expect(codes(order(600_000n), { market: tiny, free: 0n, stakeHeld: 500_000n })).toContain('insufficient-stake');
    expect(codes(order(100_000n), { market: tiny, free: 0n, stakeHeld: 500_000n })).toEqual(['below-minimum']);
    // All of it may return less than the minimum.
    const full: StakeOrder = {
      kind: 'remove_stake_full_limit',
      hotkey: stake.script.hotkey,
      netuid: 3,
      limitPrice: null,
    };
    expect(codes(full, { market: tiny, free: 0n, stakeHeld: 500_000n })).toEqual([]);
    expect(codes(full, { market: tiny, free: 0n, stakeHeld: 0n })).toEqual(['insufficient-stake']);
  });

  it('moves into a disabled subnet, or onto itself', () => {
    const move = (dest: number, hotkey = stake.script.hotkey): StakeOrder => ({
      kind: 'move_stake',
      originHotkey: stake.script.hotkey,
      destinationHotkey: hotkey,
      originNetuid: 1,
      destinationNetuid: dest,
      amount: TAO,
    });
    const state = (dest: number) => ({ market: m.get(1)!, destination: m.get(dest)!, free: 0n, stakeHeld: 400n * TAO });
    expect(codes(move(4), state(4))).toEqual(['subtoken-disabled']);
    expect(codes(move(1), state(1))).toEqual(['same-subnet']);
    expect(codes(move(1, stake.script.coldkey), state(1))).toEqual([]);
  });
});

function U64() {
  return (1n << 64n) - 1n;
}
