// The confirmation before a staking call is signed: the call decoded from its own bytes, the expected amount, the
// worst acceptable price and the fee. "Sign" re-quotes on the head state and is the only path to the wallet; Cancel
// and Escape close it with nothing sent. UI realm.
import { For, Show, createEffect } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import type { StakeApi, StakeConfirmation } from './stake-state.ts';

const argText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function Body(props: { c: StakeConfirmation }) {
  const q = () => props.c.quote;
  const buying = () => q().side === 'buy';
  const limit = () => {
    const o = props.c.order;
    return 'limitPrice' in o ? o.limitPrice : null;
  };
  return (
    <>
      <p>
        Call: <code data-testid="confirm-call">{props.c.decoded.name}</code>, signed by the coldkey{' '}
        {props.c.signer.name} (<code>{props.c.signer.address}</code>).
      </p>
      <table data-testid="confirm-args">
        <tbody>
          <For each={props.c.decoded.args}>
            {([name, value]) => (
              <tr>
                <th scope="row">{name}</th>
                <td>
                  <code>{argText(value)}</code>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <dl class="facts">
        <dt>You give</dt>
        <dd data-testid="confirm-in">
          {formatRao(q().amountIn)} {buying() ? 'TAO' : 'alpha'} on subnet {props.c.market.netuid} (
          {props.c.market.name})
        </dd>
        <dt>Expected</dt>
        <dd data-testid="confirm-out">
          {formatRao(q().out)} {buying() ? 'alpha' : 'TAO'}
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
          {formatRao(q().fee)} {buying() ? 'TAO' : 'alpha'}
        </dd>
      </dl>
      <p class="hint">Sign quotes again first: if the price has moved past the limit, nothing is signed.</p>
    </>
  );
}

export function StakeConfirmDialog(props: { api: StakeApi }) {
  let dialog: HTMLDialogElement | undefined;
  const s = () => props.api;
  // A modal <dialog> traps focus and turns Escape into a 'cancel' event.
  createEffect(() => {
    const wanted = s().confirmation() !== null;
    if (!dialog) return;
    if (wanted && !dialog.open) dialog.showModal();
    if (!wanted && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={(el) => (dialog = el)}
      aria-labelledby="stake-confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        s().cancel();
      }}
    >
      <h3 id="stake-confirm-title">Confirm the staking extrinsic</h3>
      <Show when={s().confirmation()}>{(c) => <Body c={c()} />}</Show>
      <Show when={s().busy()}>
        <p role="status">{s().txStatus() ?? 'signing'}…</p>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => void s().sign()} disabled={s().busy()}>
          Sign
        </button>
        <button type="button" onClick={() => s().cancel()} disabled={s().busy()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
