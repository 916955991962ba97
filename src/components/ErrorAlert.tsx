// An error the user must see: announced (role="alert") and shown only while there is one. UI realm.
import { Show } from 'solid-js';

export function ErrorAlert(props: { message: string | null | undefined | false }) {
  return (
    <Show when={props.message}>
      <p class="error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}
