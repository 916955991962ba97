// Exact quotes from the runtime (chain.md §3.6): `SwapRuntimeApi.sim_swap_tao_for_alpha / sim_swap_alpha_for_tao`
// run the real swap on the head state without a price limit; `current_alpha_price(_all)` is the spot price in rao per
// alpha, the base of every `limit_price`. UI realm (needs a connected ApiPromise); also Node tests.
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { big, field, num, runtimeCall } from './chain-read.ts';
import { StakeError } from './errors.ts';

export interface Quote {
  netuid: number;
  side: 'buy' | 'sell';
  /** Gross amount asked to swap: rao for a buy, alpha-rao for a sell. */
  amountIn: bigint;
  /** Net input that reaches the pool (after the fee). */
  paidIn: bigint;
  /** Fee, in the input token. */
  fee: bigint;
  /** Expected output: alpha for a buy, TAO for a sell. */
  out: bigint;
  /** Spot price at quote time, rao per alpha. */
  spotPrice: bigint;
  /** The chain's slippage figure: output at spot for the gross input, minus `out` (fee included). */
  slippage: bigint;
  /** `slippage` as a fraction of the output at spot: 0.01 = you get 1 % less than at the spot price. */
  slippageFraction: number;
  /** Average price of the fill, rao per alpha, fee included. */
  effectivePrice: bigint;
  /** Head block number when quoted. */
  block: number;
}

/** `SwapRuntimeApi.current_alpha_price(netuid)`: rao per alpha (10⁹ on root and stable subnets). */
export async function readAlphaPrice(api: ApiPromise, netuid: number): Promise<bigint> {
  return big(await runtimeCall(api, 'swapRuntimeApi', 'currentAlphaPrice')(netuid));
}

/** `current_alpha_price_all()`: netuid → rao per alpha, for every subnet. */
export async function readAllAlphaPrices(api: ApiPromise): Promise<Map<number, bigint>> {
  const all = (await runtimeCall(api, 'swapRuntimeApi', 'currentAlphaPriceAll')()) as unknown as Codec[];
  return new Map(all.map((p) => [num(field(p, 'netuid')), big(field(p, 'price'))]));
}

/** Exact output of staking `tao` rao into `netuid` now. @throws {StakeError} `not-executable` (all-zero result). */
export async function quoteBuy(api: ApiPromise, netuid: number, tao: bigint): Promise<Quote> {
  return quote(api, netuid, tao, 'buy');
}

/** Exact TAO out for unstaking `alpha` alpha-rao from `netuid` now. */
export async function quoteSell(api: ApiPromise, netuid: number, alpha: bigint): Promise<Quote> {
  return quote(api, netuid, alpha, 'sell');
}

async function quote(api: ApiPromise, netuid: number, amount: bigint, side: 'buy' | 'sell'): Promise<Quote> {
  const sim = runtimeCall(api, 'swapRuntimeApi', side === 'buy' ? 'simSwapTaoForAlpha' : 'simSwapAlphaForTao');
  const [result, spotPrice, header] = await Promise.all([
    sim(netuid, amount),
    readAlphaPrice(api, netuid),
    api.rpc.chain.getHeader(),
  ]);
  const get = (name: string) => big(field(result, name));
  const [tao, alpha, taoFee, alphaFee] = [get('taoAmount'), get('alphaAmount'), get('taoFee'), get('alphaFee')];
  const buy = side === 'buy';
  const out = buy ? alpha : tao;
  if (tao === 0n && alpha === 0n)
    throw new StakeError(
      'not-executable',
      `The chain cannot execute this ${buy ? 'stake' : 'unstake'} on subnet ${netuid} now (too large for the pool, ` +
        'or the subnet does not exist).',
    );
  const slippage = buy ? get('alphaSlippage') : get('taoSlippage');
  const atSpot = out + slippage;
  return {
    netuid,
    side,
    amountIn: amount,
    paidIn: buy ? tao : alpha,
    fee: buy ? taoFee : alphaFee,
    out,
    spotPrice,
    slippage,
    slippageFraction: atSpot === 0n ? 0 : Number(slippage) / Number(atSpot),
    effectivePrice: out === 0n ? 0n : buy ? (amount * 1_000_000_000n) / out : (out * 1_000_000_000n) / amount,
    block: header.number.toNumber(),
  };
}
