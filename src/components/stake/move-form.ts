// The "Advanced: move or swap stake" part of the order form as Solid signals: the destination subnet (and, for
// `move_stake`, the destination hotkey) on top of order-form.ts's hotkey, amount, tolerance and partial-fill inputs;
// the two-leg quote from the runtime's simulations (move-quote.ts); for `swap_stake_limit` the ratio limit from the
// two quoted spot prices (chain.md §3.3) and its fill capacity; the order and what the preflight says of it. UI realm.
import { createMemo, createSignal } from 'solid-js';
import type { ApiPromise } from '@polkadot/api';
import { decodeAddress } from '@polkadot/util-crypto';
import { orderCapacity } from '../../chain/stake/capacity.ts';
import { swapLimitPrice } from '../../chain/stake/limit-price.ts';
import { quoteMove, type MoveQuote } from '../../chain/stake/move-quote.ts';
import { preflightStake, type PreflightIssue } from '../../chain/stake/preflight.ts';
import type { StakeOrder } from '../../chain/stake/stake-calls.ts';
import type { Portfolio, SubnetMarket } from '../../chain/stake/subnets.ts';
import { createKeyedQuote, quoteBlocker, type KeyedQuote } from './keyed-quote.ts';
import { AMOUNT_CODES, isMoveSide, type OrderForm } from './order-form.ts';

interface MoveQuoteKey {
  api: ApiPromise;
  origin: SubnetMarket;
  destination: SubnetMarket;
  amount: bigint;
  key: string;
}

export type MoveQuoteState = KeyedQuote<MoveQuote>;

export function createMoveForm(deps: {
  api: () => ApiPromise | null;
  market: () => SubnetMarket | null;
  markets: () => SubnetMarket[];
  portfolio: () => Portfolio | null;
  form: OrderForm;
}) {
  const f = deps.form;
  const [destinationNetuid, setDestinationNetuid] = createSignal<number | null>(null);
  const [destinationHotkeyText, setDestinationHotkey] = createSignal('');
  const kind = () => (f.side() === 'swap' ? 'swap_stake_limit' : 'move_stake');
  const active = () => isMoveSide(f.side());

  const destination = createMemo(() => deps.markets().find((m) => m.netuid === destinationNetuid()) ?? null);
  /** A swap keeps the hotkey; a move names the one that receives the stake. */
  const destinationHotkey = () => (f.side() === 'swap' ? f.hotkey().trim() : destinationHotkeyText().trim());
  const destinationHotkeyError = createMemo((): string | null => {
    if (f.side() !== 'move') return null;
    const h = destinationHotkey();
    if (h === '') return 'Enter the destination hotkey (an SS58 address) that will hold the moved stake.';
    try {
      decodeAddress(h);
      return null;
    } catch {
      return `"${h}" is not an SS58 address: the destination hotkey must be one.`;
    }
  });

  const quoteKey = createMemo(
    (): MoveQuoteKey | null => {
      const api = deps.api();
      const origin = deps.market();
      const dest = destination();
      const rao = f.amount().rao;
      if (!active() || !api || !origin || !dest || rao === null) return null;
      return { api, origin, destination: dest, amount: rao, key: `${origin.netuid}>${dest.netuid}:${rao}` };
    },
    null,
    { equals: (a, b) => a?.key === b?.key && a?.api === b?.api },
  );
  const { current, quote, requote } = createKeyedQuote(quoteKey, (k) =>
    quoteMove(k.api, k.origin, k.destination, k.amount),
  );

  /** `swap_stake_limit`'s floor on the ratio: ⌈ratio · (1 − tol)⌉ from the quote's two spot prices. */
  const limitPrice = createMemo((): bigint | null => {
    const q = quote();
    const tol = f.tolerance().value;
    if (!q || tol === null || f.side() !== 'swap') return null;
    return swapLimitPrice(q.originPrice, q.destinationPrice, tol);
  });

  const order = createMemo((): StakeOrder | null => {
    const m = deps.market();
    const d = destination();
    const rao = f.amount().rao;
    if (!active() || !m || !d || f.hotkeyError() || destinationHotkeyError() || rao === null) return null;
    if (kind() === 'move_stake')
      return {
        kind: 'move_stake',
        originHotkey: f.hotkey().trim(),
        destinationHotkey: destinationHotkey(),
        originNetuid: m.netuid,
        destinationNetuid: d.netuid,
        amount: rao,
      };
    const limit = limitPrice();
    if (limit === null) return null;
    return {
      kind: 'swap_stake_limit',
      hotkey: f.hotkey().trim(),
      originNetuid: m.netuid,
      destinationNetuid: d.netuid,
      amount: rao,
      limitPrice: limit,
      allowPartial: f.allowPartial(),
    };
  });

  /** Markets with the quote's spot prices, which are newer than the subnet list's. */
  const priced = () => {
    const m = deps.market();
    const d = destination();
    const q = quote();
    if (!m || !d) return null;
    return q
      ? { origin: { ...m, price: q.originPrice }, destination: { ...d, price: q.destinationPrice } }
      : { origin: m, destination: d };
  };

  const issues = createMemo((): PreflightIssue[] => {
    const o = order();
    const p = deps.portfolio();
    const mk = priced();
    if (!o || !p || !mk) return [];
    return preflightStake(o, { market: mk.origin, destination: mk.destination, free: p.free, stakeHeld: f.held() });
  });

  /** The most the swap fills at its limit (alpha-rao), u64::MAX for unlimited; null for a move. */
  const capacity = createMemo((): bigint | null => {
    const o = order();
    const mk = priced();
    return o && mk ? orderCapacity(o, mk.origin, mk.destination) : null;
  });

  const blocker = createMemo((): string | null => {
    if (!deps.market()) return 'Pick a subnet in the table.';
    if (!deps.portfolio()) return 'Connect the wallet: the coldkey signs.';
    if (f.hotkeyError()) return 'Fix the hotkey.';
    if (!destination()) return 'Pick the destination subnet.';
    if (destinationHotkeyError()) return 'Fix the destination hotkey.';
    if (f.amount().error) return 'Fix the amount.';
    if (f.side() === 'swap' && f.tolerance().error) return 'Fix the slippage tolerance.';
    return quoteBlocker(current(), issues().length);
  });

  return {
    destinationNetuid,
    setDestinationNetuid,
    destination,
    destinationHotkey,
    destinationHotkeyText,
    setDestinationHotkey,
    destinationHotkeyError,
    quoteState: current,
    quote,
    requote,
    limitPrice,
    order,
    issues,
    amountIssues: () => issues().filter((i) => AMOUNT_CODES.has(i.code)),
    otherIssues: () => issues().filter((i) => !AMOUNT_CODES.has(i.code)),
    capacity,
    blocker,
  };
}

export type MoveForm = ReturnType<typeof createMoveForm>;
