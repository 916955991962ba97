// The fields only the advanced orders have: the destination subnet, and for `move_stake` the destination hotkey,
// each with its own message. The origin is the subnet picked in the table and the hotkey field above. UI realm.
import { For, Show } from 'solid-js';
import type { StakeApi } from './stake-state.ts';

export function MoveFields(props: { api: StakeApi }) {
  const s = () => props.api;
  const mv = () => props.api.move;
  return (
    <>
      <label>
        Destination subnet{' '}
        <select
          value={mv().destinationNetuid()?.toString() ?? ''}
          onChange={(e) =>
            mv().setDestinationNetuid(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))
          }
        >
          <option value="">Pick a subnet…</option>
          <For each={s().markets()}>
            {(m) => (
              // Per option: the markets re-render after every order, and a <select value> set before its options
              // would fall back to the placeholder.
              <option value={m.netuid} selected={mv().destinationNetuid() === m.netuid}>
                {m.netuid} {m.name}
                {m.subtokenEnabled ? '' : ' (staking disabled)'}
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={s().form.side() === 'move'}>
        <label>
          Destination hotkey{' '}
          <input
            type="text"
            size={52}
            value={mv().destinationHotkeyText()}
            onInput={(e) => mv().setDestinationHotkey(e.currentTarget.value)}
            aria-invalid={mv().destinationHotkeyError() ? 'true' : undefined}
            aria-describedby="destination-hotkey-error"
          />
        </label>
        <Show when={mv().destinationHotkeyError()}>
          <p class="error" id="destination-hotkey-error" data-testid="destination-hotkey-error" role="alert">
            {mv().destinationHotkeyError()}
          </p>
        </Show>
      </Show>
    </>
  );
}
