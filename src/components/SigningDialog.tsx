// The modal shell every signature goes through: a titled <dialog> that traps focus, turns Escape into Cancel, shows
// the transaction's progress while busy, and offers Sign (the only path to the wallet) and Cancel. The Validator and
// Stake pages put their decoded call in it. UI realm.
import { createEffect, Show, type JSX } from 'solid-js';

export function SigningDialog(props: {
  open: () => boolean;
  id: string;
  title: string;
  busy: () => boolean;
  /** The transaction's progress ('signing', 'in block', ...), shown while busy. */
  status: () => string | null;
  onSign: () => void;
  onCancel: () => void;
  children: JSX.Element;
}) {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    // Read first, so the effect tracks the state even on a run before the ref is set.
    const wanted = props.open();
    if (!dialog) return;
    if (wanted && !dialog.open) dialog.showModal();
    if (!wanted && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={(el) => (dialog = el)}
      aria-labelledby={`${props.id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.children}
      <Show when={props.busy()}>
        <p role="status">{props.status() ?? 'signing'}…</p>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => props.onSign()} disabled={props.busy()}>
          Sign
        </button>
        <button type="button" onClick={() => props.onCancel()} disabled={props.busy()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
