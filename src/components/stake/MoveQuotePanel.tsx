// What a move or swap would do, before anything is signed: the two simulated legs (alpha sold on the origin, the TAO
// it yields, alpha bought on the destination), the move's one fee, the two subnets' price ratio and, for a swap, the
// ratio limit it sends with its fill-or-kill capacity; for `move_stake`, that the chain applies no limit. UI realm.
import { Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import { U64_MAX } from '../../chain/stake/fixed.ts';
import type { StakeApi } from './stake-state.ts';

export function MoveQuotePanel(props: { api: StakeApi }) {
  const f = () => props.api.form;
  const mv = () => props.api.move;
  const swap = () => f().side() === 'swap';
  const origin = () => props.api.market()!.netuid;
  return (
    <div class="quote">
      <h4>Quote</h4>
      <Show when={mv().quoteState()?.error}>
        <p class="error" role="alert" data-testid="quote-error">
          {mv().quoteState()?.error}
        </p>
      </Show>
      <Show
        when={mv().quote()}
        fallback={<p class="hint">Pick the destination and enter an amount for the chain's simulations.</p>}
      >
        {(q) => (
          <dl class="facts" data-testid="move-quote">
            <dt>You move</dt>
            <dd data-testid="move-quote-in">
              {formatRao(q().amountIn)} alpha from subnet {q().originNetuid}
            </dd>
            <Show when={q().taoMoved !== null}>
              <dt>TAO carried</dt>
              <dd data-testid="move-quote-tao">
                {formatRao(q().taoMoved!)} TAO (the unstake on subnet {q().originNetuid})
              </dd>
            </Show>
            <dt>Expected output</dt>
            <dd data-testid="move-quote-out">
              {formatRao(q().out)} alpha on subnet {q().destinationNetuid}
            </dd>
            <dt>Fee</dt>
            <dd data-testid="move-quote-fee">
              {formatRao(q().fee)} {q().feeUnit} on subnet {q().feeNetuid}
            </dd>
            <dt>Price ratio now</dt>
            <dd data-testid="move-quote-ratio">
              {formatRao(q().ratio)} (price of subnet {q().originNetuid} / price of subnet {q().destinationNetuid});
              this fill gives {formatRao(q().effectiveRatio)} alpha per alpha
            </dd>
            <dt>Limit</dt>
            <dd data-testid="move-limit">
              <Show when={swap()} fallback="none: move_stake has no limit on chain">
                <Show when={mv().limitPrice() !== null} fallback="needs a valid tolerance">
                  ratio {formatRao(mv().limitPrice()!)} (<code>{mv().limitPrice()!.toString()}</code>)
                </Show>
              </Show>
            </dd>
            <Show when={swap() && mv().capacity() !== null && mv().capacity() !== U64_MAX}>
              <dt>Fills at most</dt>
              <dd data-testid="move-capacity">{formatRao(mv().capacity()!)} alpha at this limit</dd>
            </Show>
            <dt>Quoted at</dt>
            <dd>block #{q().block}</dd>
          </dl>
        )}
      </Show>
      <p class="hint" data-testid="move-explained">
        {swap()
          ? `swap_stake_limit keeps the hotkey and refuses to let price(origin)/price(destination) fall below the limit, ` +
            `ratio × (1 − tolerance) rounded up; ${
              f().allowPartial()
                ? 'with partial fills on, it moves what it can and the rest stays staked on subnet ' + origin() + '.'
                : 'fill-or-kill: if the whole amount would push the ratio past it, the chain refuses the order.'
            }`
          : 'move_stake has no limit on chain: across subnets it sells and buys at market; within a subnet it only ' +
            'changes the hotkey.'}{' '}
        The chain charges a move's fee once, on the unstake (on the stake when leaving root), and does not restake less
        than 0.002 TAO.
      </p>
    </div>
  );
}
