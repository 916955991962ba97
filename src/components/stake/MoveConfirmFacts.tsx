// The confirmation's facts for moving stake: what leaves which subnet and hotkey, what should arrive where (from
// the two simulated legs), the worst acceptable swap ratio or, for `move_stake`, that the chain applies no limit —
// a warning when it crosses subnets, since it then unstakes and restakes at market — and the move's one fee.
// UI realm.
import { Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import type { MoveQuote } from '../../chain/stake/move-quote.ts';
import type { StakeConfirmation } from './stake-state.ts';

export function MoveConfirmFacts(props: { c: StakeConfirmation; q: MoveQuote }) {
  const o = () => props.c.order;
  const swap = () => o().kind === 'swap_stake_limit';
  const dest = () => props.c.destination!;
  const crosses = () => props.q.originNetuid !== props.q.destinationNetuid;
  const destinationHotkey = () => {
    const x = o();
    return x.kind === 'move_stake' ? x.destinationHotkey : null;
  };
  const limit = () => {
    const x = o();
    return x.kind === 'swap_stake_limit' ? x.limitPrice : null;
  };
  return (
    <>
      <dl class="facts">
        <dt>You move</dt>
        <dd data-testid="confirm-in">
          {formatRao(props.q.amountIn)} alpha from subnet {props.c.market.netuid} ({props.c.market.name})
        </dd>
        <dt>To</dt>
        <dd data-testid="confirm-destination">
          subnet {dest().netuid} ({dest().name}),{' '}
          <Show when={destinationHotkey()} fallback="same hotkey">
            {(k) => (
              <>
                hotkey <code>{k()}</code>
              </>
            )}
          </Show>
        </dd>
        <dt>Expected</dt>
        <dd data-testid="confirm-out">
          {formatRao(props.q.out)} alpha on subnet {props.q.destinationNetuid}
          <Show when={props.q.taoMoved !== null}> (through {formatRao(props.q.taoMoved!)} TAO)</Show>
        </dd>
        <dt>Worst acceptable price</dt>
        <dd data-testid="confirm-limit">
          <Show when={limit() !== null} fallback="none: move_stake has no limit on chain">
            ratio {formatRao(limit()!)} ({limit()!.toString()}, the lowest price(origin)/price(destination) × 10⁹
            accepted; now {formatRao(props.q.ratio)})
          </Show>
        </dd>
        <dt>Fee</dt>
        <dd data-testid="confirm-fee">
          {formatRao(props.q.fee)} {props.q.feeUnit} on subnet {props.q.feeNetuid}
          {crosses() ? ' (charged once, for the whole move)' : ' (no pool is touched)'}
        </dd>
      </dl>
      <Show when={!swap()}>
        <Show
          when={crosses()}
          fallback={
            <p class="hint" data-testid="confirm-no-limit">
              move_stake has no limit on chain; within one subnet no pool is touched, so the alpha moves as it is.
            </p>
          }
        >
          <p class="error" role="alert" data-testid="confirm-warning">
            Warning: move_stake has no limit on chain. Across subnets it sells on subnet {props.q.originNetuid} and buys
            on subnet {props.q.destinationNetuid} at whatever the prices are at inclusion, which may be worse than this
            quote. To keep the hotkey and set a limit, use the swap instead.
          </p>
        </Show>
      </Show>
    </>
  );
}
