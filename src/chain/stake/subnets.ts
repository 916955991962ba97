// The staking page's reads (chain.md §3.6, §4.2): every subnet's market (price, reserves, emission, subtoken flag,
// and its pool state for the local math of pool-math.ts) and one coldkey's positions and free balance. Runtime APIs
// where they are the documented path (dynamic info, prices, stake info: raw stake storage is share-based), storage
// for the pool internals no API exposes. UI realm (needs a connected ApiPromise); also Node tests.
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { detectFeatures, namesFromMetadata, type RuntimeFeatures } from '../features.ts';
import { big, bool, field, fixedBits, num, requireItem, runtimeCall, storageItem, text } from './chain-read.ts';
import { DEFAULT_FEE_RATE, RAO_PER_TAO } from './constants.ts';
import { sell, type Pool } from './pool-math.ts';
import { readAllAlphaPrices } from './quotes.ts';

export interface SubnetMarket {
  netuid: number;
  name: string;
  /** Token symbol, e.g. `α` or `τ` for root. */
  symbol: string;
  /** `current_alpha_price`: rao per alpha. */
  price: bigint;
  /** Pool reserves as the swap reads them: `SubnetTAO + SubnetTaoProvided`, `SubnetAlphaIn + SubnetAlphaInProvided`. */
  taoReserve: bigint;
  alphaReserve: bigint;
  /** Staked alpha outstanding (`SubnetAlphaOut`), not a reserve. */
  alphaOut: bigint;
  /** Per-block injections from DynamicInfo (its `emission` field is always 0 on this runtime). */
  emission: { tao: bigint; alphaIn: bigint; alphaOut: bigint };
  /** `SubtokenEnabled[netuid]`: false → staking into it fails with `SubtokenDisabled` (root is always enabled). */
  subtokenEnabled: boolean;
  /** `SubnetMechanism[netuid]`: 0 stable (1:1), 1 dynamic. */
  mechanism: number;
  /** `Swap.FeeRate[netuid]` (parts of 65535). */
  feeRate: number;
  /** Everything pool-math.ts needs for a local preview. */
  pool: Pool;
}

export interface StakePosition {
  /** SS58. */
  hotkey: string;
  netuid: number;
  /** Alpha held, alpha-rao. */
  alpha: bigint;
  /** alpha × spot price, rao. */
  valueAtSpot: bigint;
  /** TAO the pool would pay for all of it now (local math, fee and slippage included); null if it refuses. */
  valueIfSold: bigint | null;
  /** Alpha emission earned in the last epoch, as the runtime reports it. */
  emission: bigint;
  isRegistered: boolean;
}

export interface Portfolio {
  coldkey: string;
  /** `System.Account.data.free`, rao. */
  free: bigint;
  positions: StakePosition[];
  /** Sum of `valueAtSpot`, rao. */
  totalAtSpot: bigint;
}

const swapPoolOf = (api: ApiPromise): RuntimeFeatures['swapPool'] =>
  detectFeatures(namesFromMetadata(api.runtimeMetadata)).swapPool;

/** Every subnet with its market and pool state, by netuid. */
export async function readSubnets(api: ApiPromise): Promise<SubnetMarket[]> {
  const infos = (await runtimeCall(api, 'subnetInfoRuntimeApi', 'getAllDynamicInfo')()) as unknown as Codec[];
  const dyn = infos
    .filter((o) => (o as unknown as { isSome: boolean }).isSome)
    .map((o) => (o as unknown as { unwrap(): Codec }).unwrap());
  return readMarkets(api, dyn);
}

/** One subnet's market, e.g. to refresh the pool right before signing. Null if the subnet does not exist. */
export async function readSubnet(api: ApiPromise, netuid: number): Promise<SubnetMarket | null> {
  const info = (await runtimeCall(api, 'subnetInfoRuntimeApi', 'getDynamicInfo')(netuid)) as unknown as {
    isSome: boolean;
    unwrap(): Codec;
  };
  if (!info.isSome) return null;
  return (await readMarkets(api, [info.unwrap()]))[0]!;
}

async function readMarkets(api: ApiPromise, dyn: Codec[]): Promise<SubnetMarket[]> {
  const netuids = dyn.map((d) => num(field(d, 'netuid')));
  if (netuids.length === 0) return [];
  const swapPool = swapPoolOf(api);
  const many = async (pallet: string, item: string): Promise<Codec[] | null> =>
    storageItem(api, pallet, item)?.multi(netuids) ?? null;
  const [prices, subtoken, mechanism, taoProvided, alphaProvided, feeRate, v3Init, sqrtPrice, liquidity, balancer] =
    await Promise.all([
      readAllAlphaPrices(api),
      requireItem(api, 'subtensorModule', 'subtokenEnabled').multi(netuids),
      requireItem(api, 'subtensorModule', 'subnetMechanism').multi(netuids),
      many('subtensorModule', 'subnetTaoProvided'),
      many('subtensorModule', 'subnetAlphaInProvided'),
      many('swap', 'feeRate'),
      swapPool === 'uniswap-v3' ? many('swap', 'swapV3Initialized') : null,
      swapPool === 'uniswap-v3' ? many('swap', 'alphaSqrtPrice') : null,
      swapPool === 'uniswap-v3' ? many('swap', 'currentLiquidity') : null,
      swapPool === 'balancer' ? many('swap', 'swapBalancer') : null,
    ]);
  return dyn.map((d, i): SubnetMarket => {
    const netuid = netuids[i]!;
    const taoReserve = big(field(d, 'taoIn')) + (taoProvided ? big(taoProvided[i]!) : 0n);
    const alphaReserve = big(field(d, 'alphaIn')) + (alphaProvided ? big(alphaProvided[i]!) : 0n);
    const mech = num(mechanism[i]!);
    const rate = feeRate ? num(feeRate[i]!) : DEFAULT_FEE_RATE;
    const reserves = { netuid, tao: taoReserve, alpha: alphaReserve, feeRate: rate };
    let pool: Pool;
    if (netuid === 0 || mech === 0) pool = { kind: 'stable', netuid };
    else if (balancer) pool = { kind: 'balancer', ...reserves, quoteWeight: big(field(balancer[i]!, 'quote')) };
    else if (v3Init && sqrtPrice && liquidity)
      pool = {
        kind: 'uniswap-v3',
        ...reserves,
        initialized: bool(v3Init[i]!),
        sqrtPrice: fixedBits(sqrtPrice[i]!),
        liquidity: big(liquidity[i]!),
      };
    else pool = { kind: 'constant-product', netuid, tao: taoReserve, alpha: alphaReserve };
    return {
      netuid,
      name: text(field(d, 'subnetName')),
      symbol: text(field(d, 'tokenSymbol')),
      price: prices.get(netuid) ?? (netuid === 0 ? RAO_PER_TAO : 0n),
      taoReserve,
      alphaReserve,
      alphaOut: big(field(d, 'alphaOut')),
      emission: {
        tao: big(field(d, 'taoInEmission')),
        alphaIn: big(field(d, 'alphaInEmission')),
        alphaOut: big(field(d, 'alphaOutEmission')),
      },
      subtokenEnabled: netuid === 0 || bool(subtoken[i]!),
      mechanism: mech,
      feeRate: rate,
      pool,
    };
  });
}

/**
 * `coldkey`'s free balance and its stake per (hotkey, subnet) from `StakeInfoRuntimeApi.get_stake_info_for_coldkey`,
 * valued with `markets` (from readSubnets). Zero stakes are dropped.
 */
export async function readPortfolio(api: ApiPromise, coldkey: string, markets: SubnetMarket[]): Promise<Portfolio> {
  const [account, infos] = await Promise.all([
    requireItem(api, 'system', 'account')(coldkey),
    runtimeCall(api, 'stakeInfoRuntimeApi', 'getStakeInfoForColdkey')(coldkey),
  ]);
  const byNetuid = new Map(markets.map((m) => [m.netuid, m]));
  const positions = (infos as unknown as Codec[])
    .map((s): StakePosition => {
      const netuid = num(field(s, 'netuid'));
      const alpha = big(field(s, 'stake'));
      const market = byNetuid.get(netuid);
      const price = market?.price ?? 0n;
      const sold = market && alpha > 0n ? sell(market.pool, alpha) : null;
      return {
        hotkey: field(s, 'hotkey').toString(),
        netuid,
        alpha,
        valueAtSpot: (alpha * price) / RAO_PER_TAO,
        valueIfSold: sold?.ok ? sold.fill.out : null,
        emission: big(field(s, 'emission')),
        isRegistered: bool(field(s, 'isRegistered')),
      };
    })
    .filter((p) => p.alpha > 0n);
  return {
    coldkey,
    free: big(field(field(account, 'data'), 'free')),
    positions,
    totalAtSpot: positions.reduce((sum, p) => sum + p.valueAtSpot, 0n),
  };
}
