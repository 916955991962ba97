// src/chain/stake reads against the fixture node (real finney metadata, spec 393): quotes decoded from scripted
// SwapRuntimeApi answers, the subnet list (dynamic info, prices, Swap storage) and a coldkey's balance and positions.
// Node realm.
import { beforeAll, describe, expect, it } from 'vitest';
import { spotPrice } from '../../src/chain/stake/pool-math.ts';
import { quoteBuy, quoteSell, readAlphaPrice, readAllAlphaPrices } from '../../src/chain/stake/quotes.ts';
import { readPortfolio, readSubnet, readSubnets, type SubnetMarket } from '../../src/chain/stake/subnets.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { useStakeNode } from '../support/stake-node.ts';

const TAO = 1_000_000_000n;
const chain = loadFixtureChain();

const stake = useStakeNode(chain);

describe('quotes from SwapRuntimeApi', () => {
  it('decodes a scripted sim_swap_tao_for_alpha exactly, with slippage against the spot price', async () => {
    stake.node.setRuntimeCall(
      'SwapRuntimeApi_sim_swap_tao_for_alpha',
      chain.callResult('SwapRuntimeApi', 'sim_swap_tao_for_alpha', {
        taoAmount: 99_949_645_228n,
        alphaAmount: 395_842_152_639n,
        taoFee: 50_354_772n,
        alphaFee: 0,
        taoSlippage: 0,
        alphaSlippage: 4_157_847_361n,
      }),
    );
    try {
      const q = await quoteBuy(stake.conn.api, 1, 100n * TAO);
      expect(q).toMatchObject({
        netuid: 1,
        side: 'buy',
        amountIn: 100n * TAO,
        paidIn: 99_949_645_228n,
        fee: 50_354_772n,
        out: 395_842_152_639n,
        spotPrice: 250_000_000n,
        slippage: 4_157_847_361n,
      });
      expect(q.slippageFraction).toBeCloseTo(4_157_847_361 / 400e9, 12);
      expect(q.effectivePrice).toBe((100n * TAO * TAO) / 395_842_152_639n);
    } finally {
      stake.node.setRuntimeCall(
        'SwapRuntimeApi_sim_swap_tao_for_alpha',
        stake.script.runtimeCalls.SwapRuntimeApi_sim_swap_tao_for_alpha!,
      );
    }
  });

  it('decodes sim_swap_alpha_for_tao (fee in alpha, slippage in TAO), and an all-zero answer is "not executable"', async () => {
    const q = await quoteSell(stake.conn.api, 1, 400n * TAO);
    // The fixture answers with the local v3 math, so this also checks the two agree through SCALE.
    expect(q).toMatchObject({ side: 'sell', amountIn: 400n * TAO, out: 98_960_538_159n, fee: 201_419_089n });
    expect(q.paidIn + q.fee).toBe(400n * TAO);
    expect(q.slippage).toBe(100n * TAO - q.out);
    await expect(quoteBuy(stake.conn.api, 77, TAO)).rejects.toMatchObject({ code: 'not-executable' });
  });

  it('reads current_alpha_price for one subnet and for all', async () => {
    expect(await readAlphaPrice(stake.conn.api, 0)).toBe(TAO);
    // √p = 0.6 rounded up to U64F64, squared and cut to U96F32: the chain reads 0.36 as 359 999 999 rao.
    expect(await readAlphaPrice(stake.conn.api, 2)).toBe(359_999_999n);
    const all = await readAllAlphaPrices(stake.conn.api);
    expect([...all]).toEqual(stake.script.markets.map((m) => [m.netuid, spotPrice(m.pool)]));
  });
});

describe('subnets and positions', () => {
  let markets: SubnetMarket[];
  beforeAll(async () => {
    markets = await readSubnets(stake.conn.api);
  });

  it('lists every scripted subnet with price, reserves, emission, subtoken flag and its pool', () => {
    expect(markets.map((m) => [m.netuid, m.name, m.symbol, m.subtokenEnabled, m.mechanism])).toEqual([
      [0, 'root', 'τ', true, 0],
      [1, 'deep', 'α', true, 1],
      [2, 'moved', 'α', true, 1],
      [3, 'tiny', 'α', true, 1],
      [4, 'disabled', 'α', false, 1],
    ]);
    const moved = markets[2]!;
    expect(moved).toMatchObject({
      price: 359_999_999n,
      taoReserve: 10_000n * TAO,
      alphaReserve: 40_000n * TAO,
      feeRate: 33,
    });
    expect(moved.emission).toEqual({ tao: 1_000_000n, alphaIn: 1_000_000n, alphaOut: 2_000_000n });
    expect(moved.pool).toEqual(stake.script.markets[2]!.pool); // sqrt price, liquidity and flags from Swap storage
    expect(markets[0]!.pool).toEqual({ kind: 'stable', netuid: 0 });
    expect(markets[1]!.pool).toMatchObject({ kind: 'uniswap-v3', initialized: false });
  });

  it('reads one subnet, and null for one that does not exist', async () => {
    expect((await readSubnet(stake.conn.api, 3))?.name).toBe('tiny');
    expect(await readSubnet(stake.conn.api, 99)).toBeNull();
  });

  it("reads Alice's free balance and stake per hotkey and subnet, valued at spot and if sold", async () => {
    const p = await readPortfolio(stake.conn.api, stake.script.coldkey, markets);
    expect(p.free).toBe(stake.script.free);
    expect(p.positions.map((x) => [x.hotkey, x.netuid, x.alpha, x.valueAtSpot])).toEqual([
      [stake.script.hotkey, 0, 100n * TAO, 100n * TAO],
      [stake.script.hotkey, 1, 400n * TAO, 100n * TAO],
      [stake.script.hotkey, 3, 500_000n, 250_000n],
    ]);
    expect(p.positions[0]!.valueIfSold).toBe(100n * TAO); // root: 1:1
    expect(p.positions[1]!.valueIfSold).toBe(98_960_538_159n); // slippage and fee
    expect(p.totalAtSpot).toBe(200n * TAO + 250_000n);
  });
});
