// State of the Stake page as Solid signals: the chain session (shared with the Validator page), every subnet's
// market, the wallet's coldkey and its portfolio, the chosen subnet and its order form (with its advanced part for
// moving and swapping stake), and the confirm → re-quote → sign → settle steps. Nothing is signed except from
// `sign()`, which only runs while a confirmation is open and only after a fresh quote and preflight pass. UI realm.
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DecodedCall } from '../../chain/extrinsics/weights-calls.ts';
import { assertFreshRuntime, signAndTrack, type TxOutcome, type TxStatus } from '../../chain/extrinsics/track.ts';
import { orderCapacity } from '../../chain/stake/capacity.ts';
import { quoteMove, type MoveQuote } from '../../chain/stake/move-quote.ts';
import { preflightStake } from '../../chain/stake/preflight.ts';
import { quoteBuy, quoteSell, type Quote } from '../../chain/stake/quotes.ts';
import { buildStakeCall, describeStakeCall, type StakeOrder } from '../../chain/stake/stake-calls.ts';
import { assertEventLayouts, settlementOf, type Settlement } from '../../chain/stake/stake-events.ts';
import {
  readPortfolio,
  readSubnet,
  readSubnets,
  type Portfolio,
  type SubnetMarket,
} from '../../chain/stake/subnets.ts';
import { signerOf, type WalletAccount } from '../../wallet/extension.ts';
import { createWalletSession } from '../wallet-session.ts';
import { createChainSession } from '../validator/chain-session.ts';
import { createMoveForm } from './move-form.ts';
import { createOrderForm, heldOf, isMoveSide } from './order-form.ts';

/** What the confirmation dialog shows, and the exact extrinsic `sign()` will sign. */
export interface StakeConfirmation {
  order: StakeOrder;
  decoded: DecodedCall;
  tx: SubmittableExtrinsic<'promise'>;
  /** Stakes and unstakes: the runtime's exact quote; null for moves and swaps. */
  quote: Quote | null;
  /** Moves and swaps: the two-leg quote; null otherwise. */
  move: MoveQuote | null;
  /** The order's subnet (the origin of a move). */
  market: SubnetMarket;
  /** Moves and swaps: the destination subnet. */
  destination: SubnetMarket | null;
  /** With `allow_partial`: the most that can fill at the limit, in the input token (u64::MAX = unlimited). */
  capacity: bigint | null;
  signer: WalletAccount;
}

/** An included order: the quote it was signed on next to what its events say happened. */
export interface StakeResultView {
  order: StakeOrder;
  quote: Quote | null;
  move: MoveQuote | null;
  outcome: TxOutcome;
  settlement: Settlement | null;
  /** Why the amounts could not be read from the events (a runtime with other event fields). */
  settlementError: string | null;
}

export type Message = { kind: 'error' | 'status'; text: string };

export type SortKey = 'netuid' | 'price' | 'tao' | 'emission';

export function createStake() {
  const chain = createChainSession();
  const [markets, setMarkets] = createSignal<SubnetMarket[]>([]);
  const [marketsError, setMarketsError] = createSignal<string | null>(null);
  const [loadingMarkets, setLoadingMarkets] = createSignal(false);
  const [search, setSearch] = createSignal('');
  const [sort, setSort] = createSignal<{ key: SortKey; descending: boolean }>({ key: 'netuid', descending: false });
  const [netuid, setNetuid] = createSignal<number | null>(null);
  const wallet = createWalletSession();
  const { account } = wallet;
  const [portfolio, setPortfolio] = createSignal<Portfolio | null>(null);
  const [portfolioError, setPortfolioError] = createSignal<string | null>(null);
  const [confirmation, setConfirmation] = createSignal<StakeConfirmation | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [txStatus, setTxStatus] = createSignal<TxStatus | 're-quoting' | null>(null);
  const [message, setMessage] = createSignal<Message | null>(null);
  const [result, setResult] = createSignal<StakeResultView | null>(null);

  const api = () => chain.connection()?.api ?? null;
  const market = createMemo(() => markets().find((m) => m.netuid === netuid()) ?? null);
  const form = createOrderForm({ api, market, portfolio });
  const move = createMoveForm({ api, market, markets, portfolio, form });
  const advanced = () => isMoveSide(form.side());

  // Markets belong to the connection they were read over: a new Connect (maybe another chain) starts over.
  createEffect(
    on(chain.connection, (conn) => {
      setMarkets([]);
      setNetuid(null);
      setPortfolio(null);
      if (conn) void loadMarkets();
    }),
  );

  let marketsRead = 0;
  async function loadMarkets() {
    const a = api();
    if (!a) return;
    const mine = ++marketsRead;
    setLoadingMarkets(true);
    setMarketsError(null);
    try {
      const list = await readSubnets(a);
      if (mine === marketsRead) setMarkets(list);
    } catch (e) {
      if (mine === marketsRead) setMarketsError(`The subnets could not be read: ${(e as Error).message}`);
    } finally {
      if (mine === marketsRead) setLoadingMarkets(false);
    }
  }

  let portfolioRead = 0;
  async function loadPortfolio() {
    const a = api();
    const acc = account();
    const list = markets();
    const mine = ++portfolioRead;
    if (!a || !acc || list.length === 0) return setPortfolio(null);
    try {
      const p = await readPortfolio(a, acc.address, list);
      if (mine === portfolioRead) {
        setPortfolio(p);
        setPortfolioError(null);
      }
    } catch (e) {
      if (mine === portfolioRead) setPortfolioError(`The coldkey's stake could not be read: ${(e as Error).message}`);
    }
  }
  // Positions are valued with the markets: re-read when either changes.
  createEffect(on([account, markets], () => void loadPortfolio()));

  const visibleMarkets = createMemo(() => {
    const q = search().trim().toLowerCase();
    const { key, descending } = sort();
    const value = (m: SubnetMarket): bigint =>
      key === 'netuid' ? BigInt(m.netuid) : key === 'price' ? m.price : key === 'tao' ? m.taoReserve : m.emission.tao;
    const list = markets().filter(
      (m) => q === '' || m.name.toLowerCase().includes(q) || String(m.netuid) === q.replace(/^(sn|#)/, ''),
    );
    // Ties by ascending netuid in either direction, so the order never depends on the chain's.
    return list.sort((a, b) => {
      if (value(a) === value(b)) return a.netuid - b.netuid;
      const d = value(a) < value(b) ? -1 : 1;
      return descending ? -d : d;
    });
  });

  function sortBy(key: SortKey) {
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'netuid' }));
  }

  /** Why Review is disabled, or null. */
  const blocker = createMemo((): string | null => {
    const conn = chain.connection();
    if (!conn) return 'Connect to a network.';
    if (conn.info.genesisMatches === false) return 'Wrong network: signing is disabled.';
    return advanced() ? move.blocker() : form.blocker();
  });

  function openConfirmation() {
    const conn = chain.connection();
    const adv = advanced();
    const order = adv ? move.order() : form.order();
    const quote = adv ? null : form.quote();
    const mq = adv ? move.quote() : null;
    const destination = adv ? move.destination() : null;
    const m = market();
    const acc = account();
    if (blocker() || busy() || !conn || !order || !m || !acc) return;
    if (adv ? !mq || !destination : !quote) return;
    setMessage(null);
    setResult(null);
    try {
      const tx = buildStakeCall(conn.api, order);
      const partial = 'allowPartial' in order && order.allowPartial === true;
      // Judged at the quoted spot prices, as the form's preflight was.
      const origin = mq ? { ...m, price: mq.originPrice } : m;
      const dest = mq && destination ? { ...destination, price: mq.destinationPrice } : destination;
      setConfirmation({
        order,
        // Decoded from the call's own bytes: the dialog shows what will be signed, not what was meant.
        decoded: describeStakeCall(conn.api, tx),
        tx,
        quote,
        move: mq,
        market: m,
        destination,
        capacity: partial ? orderCapacity(order, origin, dest) : null,
        signer: acc,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  function cancel() {
    if (busy()) return;
    setConfirmation(null);
    setMessage({ kind: 'status', text: 'Cancelled: nothing was signed or sent.' });
  }

  /** The order's checks again on the head state: the price may have moved since the quote the user confirmed. */
  async function requote(c: StakeConfirmation): Promise<string | null> {
    const conn = chain.connection()!;
    const o = c.order;
    const fresh = await readSubnet(conn.api, c.market.netuid);
    const freshDestination = c.destination ? await readSubnet(conn.api, c.destination.netuid) : undefined;
    const read = [fresh, freshDestination].filter((x): x is SubnetMarket => !!x);
    const p = await readPortfolio(conn.api, c.signer.address, read);
    const hotkey = o.kind === 'move_stake' ? o.originHotkey : o.hotkey;
    const held = heldOf(p, hotkey, c.market.netuid);
    const issues = preflightStake(o, { market: fresh, destination: freshDestination, free: p.free, stakeHeld: held });
    if (issues.length === 0 && fresh) {
      // The simulations must still run on the head state (a pool drained since would answer all zeros).
      const amount = o.kind === 'remove_stake_full_limit' ? held : o.amount;
      if (c.move && freshDestination) await quoteMove(conn.api, fresh, freshDestination, amount);
      else await (c.quote?.side === 'buy' ? quoteBuy : quoteSell)(conn.api, fresh.netuid, amount);
    }
    return issues.length === 0 ? null : issues.map((i) => i.message).join(' ');
  }

  async function sign() {
    const c = confirmation();
    if (!c || busy()) return;
    setBusy(true);
    setMessage(null);
    try {
      const conn = chain.connection();
      if (!conn) throw new Error('The connection to the node is gone: reconnect, nothing was sent.');
      // The dialog decoded the call with the metadata of connect time: refuse if the runtime changed since.
      await assertFreshRuntime(conn.api);
      setTxStatus('re-quoting');
      const refusal = await requote(c);
      if (refusal) {
        void loadMarkets();
        form.requote();
        move.requote();
        throw new Error(`Nothing was signed: ${refusal}`);
      }
      const signer = await signerOf(c.signer);
      const outcome = await signAndTrack(c.tx, c.signer.address, signer, setTxStatus, { api: conn.api });
      let settlement: Settlement | null = null;
      let settlementError: string | null = null;
      try {
        // The events' fields are unnamed: trust their order only if this runtime declares the expected layout.
        assertEventLayouts(conn.api);
        settlement = settlementOf(outcome.events);
      } catch (e) {
        settlementError = (e as Error).message;
      }
      setResult({ order: c.order, quote: c.quote, move: c.move, outcome, settlement, settlementError });
      void loadMarkets();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
      setTxStatus(null);
      setConfirmation(null);
    }
  }

  return {
    chain,
    markets,
    visibleMarkets,
    marketsError,
    loadingMarkets,
    loadMarkets,
    search,
    setSearch,
    sort,
    sortBy,
    netuid,
    select: (n: number) => setNetuid(n),
    market,
    ...wallet,
    portfolio,
    portfolioError,
    form,
    move,
    advanced,
    blocker,
    confirmation,
    openConfirmation,
    cancel,
    sign,
    busy,
    txStatus,
    message,
    result,
  };
}

export type StakeApi = ReturnType<typeof createStake>;
