// The Stake page's order form as Solid signals: side (stake, unstake, unstake all, or one of the advanced moves),
// hotkey, amount, slippage tolerance and partial fills, parsed exactly (bigint rao); the runtime's exact quote for
// it; the limit price from the quoted spot price; the order those make and what the preflight says of it, each
// problem tied to its field. The advanced sides share these inputs; move-form.ts quotes and orders them. UI realm.
import { createMemo, createSignal } from 'solid-js';
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { tryParseAmount } from '../../chain/stake/amounts.ts';
import { DEFAULT_MIN_STAKE } from '../../chain/stake/constants.ts';
import { swapFee } from '../../chain/stake/fees.ts';
import { buyLimitPrice, parseTolerancePercent, sellLimitPrice } from '../../chain/stake/limit-price.ts';
import { isStable } from '../../chain/stake/pool-math.ts';
import { preflightStake, type PreflightIssue } from '../../chain/stake/preflight.ts';
import { quoteBuy, quoteSell, type Quote } from '../../chain/stake/quotes.ts';
import type { StakeOrder } from '../../chain/stake/stake-calls.ts';
import type { Portfolio, SubnetMarket } from '../../chain/stake/subnets.ts';
import { createKeyedQuote, quoteBlocker, type KeyedQuote } from './keyed-quote.ts';

export type Side = 'stake' | 'unstake' | 'unstake-all' | 'swap' | 'move';

/** `swap_stake_limit` and `move_stake`: the "Advanced: move or swap stake" part of the form (move-form.ts). */
export const isMoveSide = (side: Side): side is 'swap' | 'move' => side === 'swap' || side === 'move';

/** Issue codes about the amount itself; the others concern the subnet or the price and show above Review. */
export const AMOUNT_CODES: ReadonlySet<string> = new Set([
  'insufficient-balance',
  'insufficient-stake',
  'below-minimum',
  'slippage',
  'pool-refuses',
]);

/** Same account whatever SS58 prefix either address was written with. */
export function sameAccount(a: string, b: string): boolean {
  try {
    return u8aToHex(decodeAddress(a)) === u8aToHex(decodeAddress(b));
  } catch {
    return false;
  }
}

/** Alpha `portfolio` holds with `hotkey` on `netuid`. */
export function heldOf(portfolio: Portfolio | null, hotkey: string, netuid: number): bigint {
  return (portfolio?.positions ?? [])
    .filter((p) => p.netuid === netuid && sameAccount(p.hotkey, hotkey))
    .reduce((sum, p) => sum + p.alpha, 0n);
}

/** The chain's smallest stake on this subnet: `DefaultMinStake` plus the swap fee on it (none on root/stable). */
export const minimumStake = (m: SubnetMarket): bigint =>
  DEFAULT_MIN_STAKE + (isStable(m.pool) ? 0n : swapFee(DEFAULT_MIN_STAKE, m.feeRate));

/** The form's inputs as the order `preflightStake` and `buildStakeCall` take. */
export function orderOf(
  side: 'stake' | 'unstake' | 'unstake-all',
  hotkey: string,
  netuid: number,
  amount: bigint,
  limitPrice: bigint,
  allowPartial: boolean,
): StakeOrder {
  if (side === 'unstake-all') return { kind: 'remove_stake_full_limit', hotkey, netuid, limitPrice };
  const kind = side === 'stake' ? 'add_stake_limit' : 'remove_stake_limit';
  return { kind, hotkey, netuid, amount, limitPrice, allowPartial };
}

interface QuoteKey {
  api: ApiPromise;
  netuid: number;
  side: 'buy' | 'sell';
  amount: bigint;
  key: string;
}

export type QuoteState = KeyedQuote<Quote>;

export function createOrderForm(deps: {
  api: () => ApiPromise | null;
  market: () => SubnetMarket | null;
  portfolio: () => Portfolio | null;
}) {
  const [side, setSide] = createSignal<Side>('stake');
  const [typedHotkey, setTypedHotkey] = createSignal<string | null>(null);
  const [amountText, setAmountText] = createSignal('');
  const [toleranceText, setToleranceText] = createSignal('0.5');
  const [allowPartial, setAllowPartial] = createSignal(false);

  /** Until the user types one: the hotkey of a position on this subnet, else of any position. */
  const defaultHotkey = () => {
    const positions = deps.portfolio()?.positions ?? [];
    const netuid = deps.market()?.netuid;
    return (positions.find((p) => p.netuid === netuid) ?? positions[0])?.hotkey ?? '';
  };
  const hotkey = () => typedHotkey() ?? defaultHotkey();
  const hotkeyError = createMemo((): string | null => {
    const h = hotkey().trim();
    if (h === '') return 'Enter the hotkey (an SS58 address) that holds or will hold the stake.';
    try {
      decodeAddress(h);
      return null;
    } catch {
      return `"${h}" is not an SS58 address.`;
    }
  });
  const held = createMemo(() => {
    const m = deps.market();
    return m && !hotkeyError() ? heldOf(deps.portfolio(), hotkey().trim(), m.netuid) : 0n;
  });
  const unit = () => (side() === 'stake' ? 'TAO' : 'alpha');

  const amount = createMemo((): { rao: bigint | null; error: string | null } => {
    if (side() === 'unstake-all') return { rao: held() > 0n ? held() : null, error: null };
    const r = tryParseAmount(amountText(), unit());
    return r.ok ? { rao: r.rao, error: null } : { rao: null, error: r.error.message };
  });
  const tolerance = createMemo((): { value: number | null; error: string | null } => {
    try {
      return { value: parseTolerancePercent(toleranceText()), error: null };
    } catch (e) {
      return { value: null, error: (e as Error).message };
    }
  });

  const quoteKey = createMemo(
    (): QuoteKey | null => {
      const api = deps.api();
      const m = deps.market();
      const rao = amount().rao;
      const sd = side();
      if (!api || !m || rao === null || isMoveSide(sd)) return null;
      const s = sd === 'stake' ? 'buy' : 'sell';
      return { api, netuid: m.netuid, side: s, amount: rao, key: `${m.netuid}:${s}:${rao}` };
    },
    null,
    { equals: (a, b) => a?.key === b?.key && a?.api === b?.api },
  );
  const { current, quote, requote } = createKeyedQuote(quoteKey, (k) =>
    (k.side === 'buy' ? quoteBuy : quoteSell)(k.api, k.netuid, k.amount),
  );

  const limitPrice = createMemo((): bigint | null => {
    const q = quote();
    const tol = tolerance().value;
    if (!q || tol === null) return null;
    return q.side === 'buy' ? buyLimitPrice(q.spotPrice, tol) : sellLimitPrice(q.spotPrice, tol);
  });

  const order = createMemo((): StakeOrder | null => {
    const m = deps.market();
    const rao = amount().rao;
    const limit = limitPrice();
    const sd = side();
    if (!m || hotkeyError() || rao === null || limit === null || isMoveSide(sd)) return null;
    return orderOf(sd, hotkey().trim(), m.netuid, rao, limit, allowPartial());
  });

  const issues = createMemo((): PreflightIssue[] => {
    const o = order();
    const p = deps.portfolio();
    const m = deps.market();
    const q = quote();
    if (!o || !p || !m || !q) return [];
    // The quote's spot price is newer than the market list's: judge the limit against it, not a stale price.
    return preflightStake(o, { market: { ...m, price: q.spotPrice }, free: p.free, stakeHeld: held() });
  });
  const amountIssues = () => issues().filter((i) => AMOUNT_CODES.has(i.code));
  const otherIssues = () => issues().filter((i) => !AMOUNT_CODES.has(i.code));
  /** "Unstake all" with nothing held says so before any quote can be made. */
  const nothingHeld = () => side() === 'unstake-all' && deps.portfolio() !== null && !hotkeyError() && held() === 0n;

  /** Why the order cannot go to confirmation yet, or null. */
  const blocker = createMemo((): string | null => {
    if (!deps.market()) return 'Pick a subnet in the table.';
    if (!deps.portfolio()) return 'Connect the wallet: the coldkey signs.';
    if (hotkeyError()) return 'Fix the hotkey.';
    if (nothingHeld()) return 'There is no stake to remove with this hotkey on this subnet.';
    if (amount().error) return 'Fix the amount.';
    if (tolerance().error) return 'Fix the slippage tolerance.';
    return quoteBlocker(current(), issues().length);
  });

  return {
    side,
    setSide,
    hotkey,
    setHotkey: (h: string) => setTypedHotkey(h),
    hotkeyError,
    held,
    unit,
    amountText,
    setAmountText,
    amount,
    toleranceText,
    setToleranceText,
    tolerance,
    allowPartial,
    setAllowPartial,
    quoteState: current,
    quote,
    requote,
    limitPrice,
    order,
    issues,
    amountIssues,
    otherIssues,
    nothingHeld,
    blocker,
  };
}

export type OrderForm = ReturnType<typeof createOrderForm>;
