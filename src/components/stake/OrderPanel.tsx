// The order form for the chosen subnet: stake, unstake or unstake all, or (advanced) swap the stake to another subnet
// or move it to another hotkey; hotkey, destination, amount, slippage tolerance, partial fills; each field's problems
// next to it (wrong input, or what the chain would refuse), then the quote and the Review button, which stays
// disabled while anything is wrong. UI realm.
import { For, Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import { MoveFields } from './MoveFields.tsx';
import { MoveQuotePanel } from './MoveQuotePanel.tsx';
import { QuotePanel } from './QuotePanel.tsx';
import { isMoveSide, type Side } from './order-form.ts';
import type { StakeApi } from './stake-state.ts';

const SIDES: { id: Side; label: string }[] = [
  { id: 'stake', label: 'Stake (TAO → alpha)' },
  { id: 'unstake', label: 'Unstake (alpha → TAO)' },
  { id: 'unstake-all', label: 'Unstake all' },
];
// "Validator", not "hotkey": finding the Hotkey field by its label (assistive tech, tests) must not hit these too.
const ADVANCED: { id: Side; label: string }[] = [
  { id: 'swap', label: 'Swap to another subnet (swap_stake_limit: same validator, with a limit)' },
  { id: 'move', label: 'Move to another validator (move_stake: no limit)' },
];

/** One field's messages, announced when they change; `id` is what the field's aria-describedby points at. */
function FieldErrors(props: { id: string; messages: string[] }) {
  return (
    <Show when={props.messages.length > 0}>
      <p class="error" id={props.id} data-testid={props.id} role="alert">
        {props.messages.join(' ')}
      </p>
    </Show>
  );
}

export function OrderPanel(props: { api: StakeApi }) {
  const s = () => props.api;
  const f = () => props.api.form;
  const moving = () => isMoveSide(f().side());
  /** The preflight of whichever part of the form is in use. */
  const checks = () => (moving() ? props.api.move : f());
  const amountMessages = () => [
    ...(f().amount().error ? [f().amount().error!] : []),
    ...checks()
      .amountIssues()
      .map((i) => i.message),
  ];
  const radio = (x: { id: Side; label: string }) => (
    <label class="inline">
      <input
        type="radio"
        name="stake-side"
        value={x.id}
        checked={f().side() === x.id}
        onChange={() => f().setSide(x.id)}
      />{' '}
      {x.label}
    </label>
  );
  return (
    <section class="panel" aria-labelledby="order-title">
      <h3 id="order-title">4. Order</h3>
      <Show when={s().market()} fallback={<p class="hint">Pick a subnet with its Trade button.</p>}>
        {(m) => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              s().openConfirmation();
            }}
          >
            <p data-testid="order-subnet">
              Subnet {m().netuid} ({m().name}): {formatRao(m().price)} TAO per alpha.
            </p>
            <fieldset>
              <legend>Order</legend>
              <For each={SIDES}>{radio}</For>
              <fieldset>
                <legend>Advanced: move or swap stake</legend>
                <For each={ADVANCED}>{radio}</For>
              </fieldset>
            </fieldset>
            <label>
              Hotkey{' '}
              <input
                type="text"
                size={52}
                value={f().hotkey()}
                onInput={(e) => f().setHotkey(e.currentTarget.value)}
                aria-invalid={f().hotkeyError() ? 'true' : undefined}
                aria-describedby="hotkey-error"
              />
            </label>
            <FieldErrors id="hotkey-error" messages={f().hotkeyError() ? [f().hotkeyError()!] : []} />
            <Show when={moving()}>
              <MoveFields api={s()} />
            </Show>
            <Show
              when={f().side() !== 'unstake-all'}
              fallback={
                <p data-testid="unstake-all-amount">
                  Unstakes all the alpha this hotkey holds here, emissions included: {formatRao(f().held())} alpha now.
                </p>
              }
            >
              <label>
                Amount ({f().unit()}){' '}
                <input
                  type="text"
                  inputmode="decimal"
                  value={f().amountText()}
                  onInput={(e) => f().setAmountText(e.currentTarget.value)}
                  aria-invalid={amountMessages().length > 0 ? 'true' : undefined}
                  aria-describedby="amount-error"
                />
              </label>
              <p class="hint" data-testid="amount-available">
                {f().side() === 'stake'
                  ? s().portfolio() && `Free: ${formatRao(s().portfolio()!.free)} TAO.`
                  : `Held with this hotkey here: ${formatRao(f().held())} alpha.`}
              </p>
            </Show>
            <FieldErrors id="amount-error" messages={amountMessages()} />
            <Show when={f().side() !== 'move'}>
              <label>
                Slippage tolerance (%){' '}
                <input
                  type="text"
                  inputmode="decimal"
                  value={f().toleranceText()}
                  onInput={(e) => f().setToleranceText(e.currentTarget.value)}
                  aria-invalid={f().tolerance().error ? 'true' : undefined}
                  aria-describedby="tolerance-error"
                />
              </label>
              <FieldErrors id="tolerance-error" messages={f().tolerance().error ? [f().tolerance().error!] : []} />
            </Show>
            <Show when={f().side() !== 'unstake-all' && f().side() !== 'move'}>
              <label>
                <input
                  type="checkbox"
                  checked={f().allowPartial()}
                  onChange={(e) => f().setAllowPartial(e.currentTarget.checked)}
                />{' '}
                Allow a partial fill (off: fill-or-kill; on: the chain fills what it can before the price reaches the
                limit)
              </label>
            </Show>
            <Show when={moving()} fallback={<QuotePanel api={s()} />}>
              <MoveQuotePanel api={s()} />
            </Show>
            <FieldErrors
              id="order-issues"
              messages={[
                ...(f().nothingHeld() ? ['There is no stake to remove with this hotkey on this subnet.'] : []),
                ...checks()
                  .otherIssues()
                  .map((i) => i.message),
              ]}
            />
            <div class="actions">
              <button type="submit" class="primary" disabled={s().blocker() !== null || s().busy()}>
                Review and sign
              </button>
              <Show when={s().blocker()}>
                <span class="hint" data-testid="order-blocker">
                  {s().blocker()}
                </span>
              </Show>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}
