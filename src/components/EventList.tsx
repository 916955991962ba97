// The chain events of an included transaction, one per line as `pallet.Event [data]`. UI realm.
import { For } from 'solid-js';
import type { ChainEvent } from '../chain/extrinsics/track.ts';

export function EventList(props: { events: ChainEvent[] }) {
  return (
    <ul>
      <For each={props.events}>
        {(e) => (
          <li>
            <code>{e.name}</code> {JSON.stringify(e.data)}
          </li>
        )}
      </For>
    </ul>
  );
}
