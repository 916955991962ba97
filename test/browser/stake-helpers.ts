// Shared pieces of the Stake page's Chromium tests: a fixture node serving stakeScript's markets whose submissions
// emit the staking events the test scripts, the walk to a connected page with //Alice's wallet, signing the open
// confirmation and decoding what was submitted, and the test's own reading of the node's answers (prices,
// simulations, a move's two legs) and of the documented limit formulas, so no expected value comes from the code under
// test. Node realm, tests only.
import { expect } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { bnToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';
import type { Browser, Page } from 'playwright';
import { extrinsicSuccess, type EventSpec, type FixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { stakeMarkets, stakeScript, type StakeScript } from '../support/stake-fixtures.ts';
import { injectTestWallet, type SignedPayload } from './validator-wallet.ts';

export const TAO = 1_000_000_000n;

export const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });

export interface StakeHarness {
  node: FixtureNode;
  script: StakeScript;
  alice: KeyringPair;
  /** The events the next submission emits (besides ExtrinsicSuccess), from its decoded call. */
  events: { next: ((call: { method: string; args: unknown[]; signer: string }) => EventSpec[]) | null };
  /** The node's head block number; signAndDecode moves it one block per extrinsic. */
  head: number;
}

export async function startStakeNode(chain: FixtureChain): Promise<StakeHarness> {
  await cryptoWaitReady();
  const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  const script = await stakeScript(chain);
  const events: StakeHarness['events'] = { next: null };
  const node = await startFixtureNode({
    storage: script.storage,
    runtimeCalls: script.runtimeCalls,
    onSubmit: (hex) => {
      const ext = chain.registry.createType('Extrinsic', hex);
      const call = {
        method: ext.method.method,
        args: ext.method.args.map((a) => a.toJSON()),
        signer: ext.signer.toString(),
      };
      return [...(events.next?.(call) ?? []), extrinsicSuccess()];
    },
  });
  return { node, script, alice, events, head: 1000 };
}

/** Applies another script's storage and runtime-call answers to the node: the market moved. */
export function applyScript(node: FixtureNode, script: StakeScript) {
  for (const [k, v] of Object.entries(script.storage)) node.setStorage(k, v);
  for (const [k, v] of Object.entries(script.runtimeCalls)) node.setRuntimeCall(k, v);
}

/**
 * The default markets with netuid 1's pool holding `tao` (10 400 TAO by default: its price rises from 0.25 to 0.26
 * TAO per alpha; 9 900 TAO: it falls to 0.2475).
 */
export async function movedScript(chain: FixtureChain, tao = 10_400n * TAO): Promise<StakeScript> {
  const markets = stakeMarkets().map((m) => {
    if (m.netuid !== 1 || m.pool.kind !== 'uniswap-v3') return m;
    return { ...m, taoReserve: tao, pool: { ...m.pool, tao } };
  });
  return stakeScript(chain, markets);
}

/** The node's own answer to a runtime call, decoded with the metadata's output type. */
export function askNode(chain: FixtureChain, script: StakeScript, api: string, method: string, params: Uint8Array) {
  const answer = script.runtimeCalls[`${api}_${method}`]!;
  const hex = typeof answer === 'string' ? answer : answer(u8aToHex(params));
  const found = chain.metadata.asLatest.apis.find((a) => a.name.eq(api))!.methods.find((m) => m.name.eq(method))!;
  // Bytes, not the hex string: createType reads a hex string given for an integer as a big-endian number.
  return chain.registry.createType(chain.registry.createLookupType(found.output), hexToU8a(hex));
}

const u16 = (n: number) => bnToU8a(n, { bitLength: 16 });
const u64 = (n: bigint) => bnToU8a(n, { bitLength: 64 });

/** `current_alpha_price(netuid)` as the node answers it, rao per alpha. */
export const nodePrice = (chain: FixtureChain, script: StakeScript, netuid: number): bigint =>
  BigInt(askNode(chain, script, 'SwapRuntimeApi', 'current_alpha_price', u16(netuid)).toString());

/** `sim_swap_tao_for_alpha` / `sim_swap_alpha_for_tao` as the node answers them. */
export function nodeSim(
  chain: FixtureChain,
  script: StakeScript,
  side: 'buy' | 'sell',
  netuid: number,
  amount: bigint,
) {
  const method = side === 'buy' ? 'sim_swap_tao_for_alpha' : 'sim_swap_alpha_for_tao';
  const r = askNode(chain, script, 'SwapRuntimeApi', method, u8aConcat(u16(netuid), u64(amount))).toJSON() as Record<
    string,
    number | string
  >;
  const big = (k: string) => BigInt(r[k]!);
  return {
    tao: big('taoAmount'),
    alpha: big('alphaAmount'),
    taoFee: big('taoFee'),
    alphaFee: big('alphaFee'),
    taoSlippage: big('taoSlippage'),
    alphaSlippage: big('alphaSlippage'),
  };
}

/**
 * chain.md §3.3: buy `limit = price × (1 + tol)`, sell `× (1 − tol)`, in rao per alpha; rounded so the limit stays
 * inside the tolerance (buys down, sells up). `tolPermille` is the tolerance in tenths of a percent (5 = 0.5 %).
 */
export function documentedLimit(price: bigint, side: 'buy' | 'sell', tolPermille: bigint): bigint {
  if (side === 'buy') return (price * (1000n + tolPermille)) / 1000n;
  const n = price * (1000n - tolPermille);
  return (n + 999n) / 1000n;
}

/**
 * chain.md §3.3, `swap_stake_limit`: the ratio price(origin)/price(destination) × 10⁹ (floor), and the limit btcli
 * sends, ratio × (1 − tol), rounded up so it stays inside the tolerance. `tolPermille` as in documentedLimit.
 */
export function documentedSwapLimit(originPrice: bigint, destinationPrice: bigint, tolPermille: bigint) {
  const ratio = (originPrice * TAO) / destinationPrice;
  return { ratio, limit: documentedLimit(ratio, 'sell', tolPermille) };
}

/**
 * A cross-subnet move as the node's simulations price it (chain.md §3.4: one fee, on the unstake from a dynamic
 * origin): sell `alpha` on the origin; then buy on the destination with the smallest gross input whose net (the
 * simulation's `taoAmount`) is the TAO moved, searched upward from the documented fee-inclusive gross
 * `T + ⌊T·rate/(65535 − rate)⌋` (fee rate 33 on the scripted pools), so the destination leg is fee-free.
 */
export function nodeMove(chain: FixtureChain, script: StakeScript, origin: number, destination: number, alpha: bigint) {
  const sold = nodeSim(chain, script, 'sell', origin, alpha);
  const t = sold.tao;
  let gross = t + (t * 33n) / (65_535n - 33n) - 3n;
  while (nodeSim(chain, script, 'buy', destination, gross).tao < t) gross++;
  const bought = nodeSim(chain, script, 'buy', destination, gross);
  return { tao: t, fee: sold.alphaFee, gross, out: bought.alpha };
}

/** rao → "12.5" (up to 9 decimals, trailing zeros dropped, truncating). */
export function tao(rao: bigint): string {
  const frac = (rao % TAO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${rao / TAO}${frac ? `.${frac}` : ''}`;
}

/** A fresh page with //Alice's test wallet, connected to the node, subnets read, wallet connected. */
export async function connectedPage(
  browser: Browser,
  appUrl: string,
  chain: FixtureChain,
  h: StakeHarness,
): Promise<{ page: Page; signed: SignedPayload[] }> {
  const page = await browser.newPage();
  const signed = await injectTestWallet(page, chain, h.alice);
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByRole('link', { name: 'Stake' }).click();
  await page.getByRole('heading', { name: 'Stake', exact: true }).waitFor();
  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  await page.getByLabel('Endpoint URL').fill(h.node.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByTestId('connection-state').textContent()).toBe('connected');
  await poll(() => page.locator('[data-testid="subnets"] tbody tr').count()).toBe(h.script.markets.length);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await poll(() => page.getByTestId('free-balance').textContent()).toBe(`${tao(h.script.free)} TAO`);
  return { page, signed };
}

/** Picks `netuid` with its Trade button (from the keyboard) and, if given, an order side and an amount. */
export async function order(page: Page, netuid: number, side?: string, amount?: string) {
  const trade = page.getByRole('button', { name: `Trade on subnet ${netuid}`, exact: true });
  await trade.focus();
  await page.keyboard.press('Enter');
  await poll(() => page.getByTestId('order-subnet').textContent()).toMatch(new RegExp(`^Subnet ${netuid} `));
  if (side) await page.getByRole('radio', { name: side }).check();
  if (amount !== undefined) await page.getByLabel(/^Amount/).fill(amount);
}

export const reviewButton = (page: Page) => page.getByRole('button', { name: 'Review and sign' });

/**
 * Signs the open confirmation (one new head block, so the events are its own), then checks in Node that exactly one
 * extrinsic went out, signed by Alice with a valid signature over the payload the wallet saw; returns it decoded.
 */
export async function signAndDecode(page: Page, signed: SignedPayload[], chain: FixtureChain, h: StakeHarness) {
  const before = h.node.submitted.length;
  h.node.setHead(++h.head);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.getByTestId('stake-result').waitFor({ timeout: 30_000 });
  expect(h.node.submitted).toHaveLength(before + 1);
  const ext = chain.registry.createType('Extrinsic', h.node.submitted.at(-1)!);
  expect(ext.signer.toString()).toBe(h.alice.address);
  const last = signed.at(-1)!;
  expect(last.payload.method).toBe(ext.method.toHex());
  expect(signatureVerify(last.message, ext.signature.toU8a(), h.alice.address).isValid).toBe(true);
  return ext;
}

/** The message under `testId` matches and Review stays disabled. */
export async function refused(page: Page, testId: string, message: RegExp | string) {
  await poll(() => page.getByTestId(testId).textContent()).toMatch(message);
  expect(await reviewButton(page).isDisabled()).toBe(true);
}

/** The result's quoted-and-actual rows, as text. */
export const settlementRows = (page: Page) => page.locator('[data-testid="settlement"] tbody tr').allTextContents();
