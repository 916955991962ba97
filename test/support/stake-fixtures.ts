// Scripted staking markets for the fixture node (chain.md §6): a few subnets' pool storage and the runtime-API
// answers the staking page reads (dynamic info, prices, swap simulations, stake info), for Node and browser tests.
// The simulations are answered with src/chain/stake's own pool math, so they agree with the local preview; tests of
// the quote decoding script their own fixed answers instead. Node realm, tests only.
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { buy, sell, spotPrice, type BalancerPool, type Pool, type V3Pool } from '../../src/chain/stake/pool-math.ts';
import { v3State } from '../../src/chain/stake/pool-v3.ts';
import type { FixtureChain } from './fixture-chain.ts';
import type { RuntimeCallAnswer } from './fixture-node.ts';

const TAO = 1_000_000_000n;

export interface ScriptedMarket {
  netuid: number;
  name: string;
  symbol: string;
  mechanism: number;
  subtokenEnabled: boolean;
  pool: Pool;
  taoReserve: bigint;
  alphaReserve: bigint;
  alphaOut: bigint;
  taoInEmission: bigint;
}

export interface StakeScript {
  markets: ScriptedMarket[];
  /** Alice (coldkey) and Bob (a registered hotkey), SS58. */
  coldkey: string;
  hotkey: string;
  free: bigint;
  /** Alice's stake with Bob: netuid → alpha. */
  stakes: Map<number, bigint>;
  storage: Record<string, string>;
  runtimeCalls: Record<string, RuntimeCallAnswer>;
  /** Not served (the fixture runtime has no balancer pool): a weighted pool with w2 = 0.3 for previews. */
  balancerExample: BalancerPool;
}

const v3 = (netuid: number, tao: bigint, alpha: bigint, initialized: boolean, sqrtPrice?: bigint): V3Pool => {
  const base: V3Pool = {
    kind: 'uniswap-v3',
    netuid,
    tao,
    alpha,
    feeRate: 33,
    initialized: false,
    sqrtPrice: 0n,
    liquidity: 0n,
  };
  if (!initialized) return base;
  const s = v3State(base);
  return { ...base, initialized: true, sqrtPrice: sqrtPrice ?? s.sqrtPrice, liquidity: s.liquidity };
};

/** The default markets: root, a deep pool, a moved v3 pool, a tiny pool, and a subnet with its subtoken disabled. */
export function stakeMarkets(): ScriptedMarket[] {
  const m = (netuid: number, name: string, pool: Pool, extra: Partial<ScriptedMarket> = {}): ScriptedMarket => ({
    netuid,
    name,
    symbol: netuid === 0 ? 'τ' : 'α',
    mechanism: pool.kind === 'stable' ? 0 : 1,
    subtokenEnabled: true,
    pool,
    taoReserve: pool.kind === 'stable' ? 5_000_000n * TAO : pool.tao,
    alphaReserve: pool.kind === 'stable' ? 5_000_000n * TAO : pool.alpha,
    alphaOut: 1_000_000n * TAO,
    taoInEmission: 1_000_000n,
    ...extra,
  });
  return [
    m(0, 'root', { kind: 'stable', netuid: 0 }),
    // 10 000 TAO against 40 000 alpha: 0.25 TAO per alpha, initialised on its first swap.
    m(1, 'deep', v3(1, 10_000n * TAO, 40_000n * TAO, false)),
    // Initialised, and the sqrt price moved off √(y/x): the reserve ratio (0.25) is not the price (0.36, read as
    // 359 999 999 rao after the chain's truncations).
    m(2, 'moved', v3(2, 10_000n * TAO, 40_000n * TAO, true, 11068046444225730970n)),
    // Just above the minimum reserve (1_000_000) of each token.
    m(3, 'tiny', v3(3, 1_500_000n, 3_000_000n, false)),
    m(4, 'disabled', v3(4, 1_000n * TAO, 1_000n * TAO, false), { subtokenEnabled: false }),
  ];
}

/** Little-endian integers from a runtime call's SCALE-encoded arguments. */
const u16At = (hex: string, at: number) => {
  const b = hexToU8a(hex);
  return b[at]! | (b[at + 1]! << 8);
};
const u64At = (hex: string, at: number) =>
  hexToU8a(hex)
    .slice(at, at + 8)
    .reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

/** Builds the node's storage and runtime-call answers for `markets` and Alice's positions. */
export async function stakeScript(chain: FixtureChain, markets = stakeMarkets()): Promise<StakeScript> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const coldkey = keyring.addFromUri('//Alice').address;
  const hotkey = keyring.addFromUri('//Bob').address;
  const free = 1_000n * TAO;
  const stakes = new Map<number, bigint>([
    [0, 100n * TAO],
    [1, 400n * TAO],
    [3, 500_000n],
  ]);
  const storage: Record<string, string> = {};
  const set = (section: string, item: string, value: unknown, ...key: unknown[]) => {
    storage[chain.storageKey(section, item, ...key)] = chain.storageValue(section, item, value);
  };
  set(
    'system',
    'account',
    { nonce: 5, consumers: 0, providers: 1, sufficients: 0, data: { free, reserved: 0, frozen: 0, flags: 0 } },
    coldkey,
  );
  for (const x of markets) {
    set('subtensorModule', 'subtokenEnabled', x.subtokenEnabled, x.netuid);
    set('subtensorModule', 'subnetMechanism', x.mechanism, x.netuid);
    set('subtensorModule', 'subnetTAO', x.taoReserve, x.netuid);
    set('subtensorModule', 'subnetAlphaIn', x.alphaReserve, x.netuid);
    set('subtensorModule', 'networksAdded', true, x.netuid);
    if (x.pool.kind === 'uniswap-v3') {
      set('swap', 'feeRate', x.pool.feeRate, x.netuid);
      set('swap', 'swapV3Initialized', x.pool.initialized, x.netuid);
      set('swap', 'alphaSqrtPrice', { bits: x.pool.sqrtPrice }, x.netuid);
      set('swap', 'currentLiquidity', x.pool.liquidity, x.netuid);
    }
  }
  const byNetuid = new Map(markets.map((x) => [x.netuid, x]));
  const dynamicInfo = (x: ScriptedMarket) => ({
    netuid: x.netuid,
    ownerHotkey: hotkey,
    ownerColdkey: coldkey,
    subnetName: [...new TextEncoder().encode(x.name)],
    tokenSymbol: [...new TextEncoder().encode(x.symbol)],
    tempo: 360,
    lastStep: 900,
    blocksSinceLastStep: 100,
    emission: 0,
    alphaIn: x.alphaReserve,
    alphaOut: x.alphaOut,
    taoIn: x.taoReserve,
    alphaOutEmission: 2n * x.taoInEmission,
    alphaInEmission: x.taoInEmission,
    taoInEmission: x.taoInEmission,
    pendingAlphaEmission: 0,
    pendingRootEmission: 0,
    subnetVolume: 0,
    networkRegisteredAt: 10,
    subnetIdentity: null,
    movingPrice: { bits: 0 },
  });
  const zero = { taoAmount: 0, alphaAmount: 0, taoFee: 0, alphaFee: 0, taoSlippage: 0, alphaSlippage: 0 };
  const sim = (side: 'buy' | 'sell') => (params: string) => {
    const x = byNetuid.get(u16At(params, 0));
    const amount = u64At(params, 2);
    const result = x && (side === 'buy' ? buy : sell)(x.pool, amount);
    if (!x || !result?.ok)
      return chain.callResult('SwapRuntimeApi', `sim_swap_${side === 'buy' ? 'tao_for_alpha' : 'alpha_for_tao'}`, zero);
    const price = spotPrice(x.pool);
    const { paidIn, fee, out } = result.fill;
    const value =
      side === 'buy'
        ? { ...zero, taoAmount: paidIn, alphaAmount: out, taoFee: fee, alphaSlippage: sub((amount * TAO) / price, out) }
        : {
            ...zero,
            taoAmount: out,
            alphaAmount: paidIn,
            alphaFee: fee,
            taoSlippage: sub((amount * price) / TAO, out),
          };
    return chain.callResult(
      'SwapRuntimeApi',
      side === 'buy' ? 'sim_swap_tao_for_alpha' : 'sim_swap_alpha_for_tao',
      value,
    );
  };
  const stakeInfos = [...stakes].map(([netuid, stake]) => ({
    hotkey,
    coldkey,
    netuid,
    stake,
    locked: 0,
    emission: stake / 1000n,
    taoEmission: 0,
    drain: 0,
    isRegistered: true,
  }));
  const runtimeCalls: Record<string, RuntimeCallAnswer> = {
    AccountNonceApi_account_nonce: () => '0x05000000',
    SwapRuntimeApi_current_alpha_price: (params) => {
      const x = byNetuid.get(u16At(params, 0));
      return u8aToHex(bnToU8a(x ? spotPrice(x.pool) : 0n, { bitLength: 64 }));
    },
    SwapRuntimeApi_current_alpha_price_all: chain.callResult(
      'SwapRuntimeApi',
      'current_alpha_price_all',
      markets.map((x) => ({ netuid: x.netuid, price: spotPrice(x.pool) })),
    ),
    SwapRuntimeApi_sim_swap_tao_for_alpha: sim('buy'),
    SwapRuntimeApi_sim_swap_alpha_for_tao: sim('sell'),
    SubnetInfoRuntimeApi_get_all_dynamic_info: chain.callResult(
      'SubnetInfoRuntimeApi',
      'get_all_dynamic_info',
      markets.map(dynamicInfo),
    ),
    SubnetInfoRuntimeApi_get_dynamic_info: (params) => {
      const x = byNetuid.get(u16At(params, 0));
      return chain.callResult('SubnetInfoRuntimeApi', 'get_dynamic_info', x ? dynamicInfo(x) : null);
    },
    StakeInfoRuntimeApi_get_stake_info_for_coldkey: chain.callResult(
      'StakeInfoRuntimeApi',
      'get_stake_info_for_coldkey',
      stakeInfos,
    ),
  };
  const balancerExample: BalancerPool = {
    kind: 'balancer',
    netuid: 9,
    tao: 10_000n * TAO,
    alpha: 40_000n * TAO,
    feeRate: 33,
    quoteWeight: 300_000_000_000_000_000n,
  };
  return { markets, coldkey, hotkey, free, stakes, storage, runtimeCalls, balancerExample };
}

const sub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);
