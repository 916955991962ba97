// The confirmation before a staking call is signed: the call decoded from its own bytes, the expected amount, the
// worst acceptable price (or swap ratio) and the fee, and with partial fills on, how much at most can fill. "Sign"
// re-quotes on the head state and is the only path to the wallet; Cancel and Escape close it with nothing sent.
// UI realm.
import { Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import { U64_MAX } from '../../chain/stake/fixed.ts';
import type { Quote } from '../../chain/stake/quotes.ts';
import { DecodedCallView } from '../DecodedCallView.tsx';
import { SigningDialog } from '../SigningDialog.tsx';
import { MoveConfirmFacts } from './MoveConfirmFacts.tsx';
import type { StakeApi, StakeConfirmation } from './stake-state.ts';

function QuoteFacts(props: { c: StakeConfirmation; q: Quote }) {
  const buying = () => props.q.side === 'buy';
  const limit = () => {
    const o = props.c.order;
    return 'limitPrice' in o ? o.limitPrice : null;
  };
  return (
    <dl class="facts">
      <dt>You give</dt>
      <dd data-testid="confirm-in">
        {formatRao(props.q.amountIn)} {buying() ? 'TAO' : 'alpha'} on subnet {props.c.market.netuid} (
        {props.c.market.name})
      </dd>
      <dt>Expected</dt>
      <dd data-testid="confirm-out">
        {formatRao(props.q.out)} {buying() ? 'alpha' : 'TAO'}
      </dd>
      <dt>Worst acceptable price</dt>
      <dd data-testid="confirm-limit">
        <Show when={limit() !== null} fallback="none (market order)">
          {formatRao(limit()!)} TAO per alpha ({limit()!.toString()} rao){' '}
          {buying() ? '(highest final price)' : '(lowest final price)'}
        </Show>
      </dd>
      <dt>Fee</dt>
      <dd data-testid="confirm-fee">
        {formatRao(props.q.fee)} {buying() ? 'TAO' : 'alpha'}
      </dd>
    </dl>
  );
}

/** With allow_partial: the most that fills at this limit (the chain's get_max_amount_*), and where the rest stays. */
function PartialNote(props: { c: StakeConfirmation; capacity: bigint }) {
  const o = () => props.c.order;
  const unit = () => (o().kind === 'add_stake_limit' ? 'TAO' : 'alpha');
  const asked = () => {
    const x = o();
    return 'amount' in x ? x.amount : 0n;
  };
  const rest = () =>
    o().kind === 'add_stake_limit'
      ? 'the rest stays in your free balance'
      : `the rest stays staked on subnet ${props.c.market.netuid}`;
  return (
    <p class="hint" data-testid="confirm-partial">
      <Show
        when={props.capacity !== U64_MAX}
        fallback="Partial fill allowed; this subnet converts 1:1, so the limit does not cap the amount."
      >
        <Show
          when={asked() > props.capacity}
          fallback={`Partial fill allowed: at this limit up to ${formatRao(props.capacity)} ${unit()} can fill, so all ${formatRao(asked())} should, unless the price moves first; then only part fills and ${rest()}.`}
        >
          Only part may fill: at this limit at most {formatRao(props.capacity)} {unit()} of the {formatRao(asked())}{' '}
          asked (allow_partial = true); {rest()}.
        </Show>
      </Show>
    </p>
  );
}

function Body(props: { c: StakeConfirmation }) {
  return (
    <>
      <DecodedCallView decoded={props.c.decoded} signer={props.c.signer} signerRole="the coldkey " />
      <Show when={props.c.move} fallback={<QuoteFacts c={props.c} q={props.c.quote!} />}>
        {(q) => <MoveConfirmFacts c={props.c} q={q()} />}
      </Show>
      <Show when={props.c.capacity !== null}>
        <PartialNote c={props.c} capacity={props.c.capacity!} />
      </Show>
      <p class="hint">Sign quotes again first: if the price has moved past the limit, nothing is signed.</p>
    </>
  );
}

export function StakeConfirmDialog(props: { api: StakeApi }) {
  return (
    <SigningDialog id="stake-confirm" title="Confirm the staking extrinsic" session={props.api}>
      {(c) => <Body c={c()} />}
    </SigningDialog>
  );
}
